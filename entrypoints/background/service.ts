import type { browser } from 'wxt/browser';
import type { BackgroundRequest, EntitiesResponse } from '../../data/messages';
import type { Settings } from '../../data/settings';
import type { Entity } from '../../data/types';

type Api = typeof browser;

/** The toolbar button's API: `action` in Manifest V3, `browserAction` in Firefox's Manifest V2. */
export interface ToolbarAction {
  setBadgeText(details: { tabId?: number; text: string }): unknown;
  setBadgeBackgroundColor(details: { color: string }): unknown;
}

/** What the background needs from the browser and from settings storage (a test passes fakes). */
export interface BackgroundDeps {
  api: Pick<Api, 'runtime' | 'tabs' | 'commands'> & {
    action?: ToolbarAction;
    browserAction?: ToolbarAction;
  };
  entities: readonly Entity[];
  loadSettings: () => Promise<Settings>;
  watchSettings: (callback: (s: Settings) => void) => unknown;
  repairStoredSettings: () => Promise<unknown>;
}

/** The badge's colour: the card's accent, readable with white digits. */
export const BADGE_COLOR = '#0e7490';

/**
 * The background's work: answers the content script's requests for card data, keeps each tab's
 * badge count, opens entity pages and relays the keyboard-mode command. The message listener is
 * registered first, so nothing that fails later at start-up can leave cards without data.
 */
export function startBackground(deps: BackgroundDeps): void {
  const { api } = deps;
  const byId = new Map(deps.entities.map((e) => [e.id, e]));
  const counts = new Map<number, number>();
  let showBadge = true;
  // Manifest V2 (the Firefox build) has no `action`: its toolbar button is `browserAction`.
  const toolbar: ToolbarAction | undefined = api.action ?? api.browserAction;

  api.runtime.onMessage.addListener((message: unknown, sender): Promise<unknown> | undefined => {
    const m = message as BackgroundRequest;
    if (m?.type === 'get-entities') {
      const out: EntitiesResponse = {};
      for (const id of m.ids.slice(0, 200)) {
        const e = byId.get(id);
        if (e) out[id] = e;
      }
      return Promise.resolve(out);
    }
    if (m?.type === 'page-count' && sender.tab?.id !== undefined) {
      counts.set(sender.tab.id, m.count);
      paintBadge(sender.tab.id);
      return undefined;
    }
    if (m?.type === 'open-entity' && byId.has(m.id)) {
      return api.tabs
        .create({ url: api.runtime.getURL(`/popup.html#entity=${encodeURIComponent(m.id)}`) })
        .then(() => true);
    }
    return undefined;
  });

  const paintBadge = (tabId: number) => {
    const n = counts.get(tabId) ?? 0;
    quietly(() => toolbar?.setBadgeText({ tabId, text: showBadge && n > 0 ? String(Math.min(n, 999)) : '' }));
  };

  api.tabs.onRemoved.addListener((tabId) => counts.delete(tabId));
  api.commands?.onCommand.addListener(async (command) => {
    if (command !== 'toggle-keyboard-mode') return;
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined)
      await api.tabs.sendMessage(tab.id, { type: 'toggle-keyboard-mode' }).catch(() => undefined);
  });

  void deps.repairStoredSettings().catch((e) => console.warn('Backstory: settings check failed', e));
  void deps.loadSettings().then((s) => {
    showBadge = s.badge;
  });
  deps.watchSettings((s) => {
    showBadge = s.badge;
    for (const tabId of counts.keys()) paintBadge(tabId);
  });
  quietly(() => toolbar?.setBadgeBackgroundColor({ color: BADGE_COLOR }));
}

/** Runs a badge call whose failure (a closed tab, say) must not stop anything, sync or async. */
function quietly(call: () => unknown): void {
  Promise.resolve()
    .then(call)
    .catch(() => undefined);
}
