/** The slice of the extension API that tests call inside the service worker or extension pages. */
declare const chrome: {
  storage: {
    sync: {
      get(key: string | null): Promise<Record<string, unknown>>;
      set(v: object): Promise<void>;
      clear(): Promise<void>;
    };
  };
  tabs: {
    query(q: object): Promise<{ id?: number; url?: string; active?: boolean; title?: string }[]>;
    sendMessage(id: number, m: unknown): Promise<unknown>;
    create(p: { url: string }): Promise<{ id?: number }>;
  };
  runtime: { reload(): void; getURL(p: string): string; sendMessage(m: unknown): Promise<unknown> };
  action: { getBadgeText(q: { tabId?: number }): Promise<string> };
};
