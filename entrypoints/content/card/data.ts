import { browser } from 'wxt/browser';
import type { EntitiesResponse } from '../../../data/messages';
import type { Entity } from '../../../data/types';

/** Entities asked for per message (the background answers at most 200). */
export const FETCH_BATCH = 200;

/**
 * Card data fetched from the background by messaging (the content script carries no summaries or
 * facts), cached for the page's life. `null` records an id the background did not know.
 */
export class CardData {
  private readonly cache = new Map<string, Entity | null>();
  private readonly inflight = new Set<string>();

  /** `arrived` hears which ids just got an answer. */
  constructor(private readonly arrived: (ids: string[]) => void) {}

  /** The entity, null when the background does not know it, undefined while not fetched. */
  get(id: string): Entity | null | undefined {
    return this.cache.get(id);
  }

  /** True once an answer for the id came back. */
  has(id: string): boolean {
    return this.cache.has(id);
  }

  /** Some entity that has arrived, for the warm-up render. */
  any(): Entity | undefined {
    for (const e of this.cache.values()) if (e) return e;
    return undefined;
  }

  /** Fetches, in batches, the ids not cached or in flight. */
  prefetch(ids: Iterable<string>): void {
    const wanted = [...ids].filter((id) => !this.cache.has(id) && !this.inflight.has(id));
    for (let i = 0; i < wanted.length; i += FETCH_BATCH) void this.fetch(wanted.slice(i, i + FETCH_BATCH));
  }

  /** Fetches ids now (even if cached). */
  async fetch(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const id of ids) this.inflight.add(id);
    let res: EntitiesResponse = {};
    try {
      res = ((await browser.runtime.sendMessage({ type: 'get-entities', ids })) ?? {}) as EntitiesResponse;
    } catch {
      // The extension was reloaded or the background is gone: the card shows "no data".
    }
    for (const id of ids) {
      this.inflight.delete(id);
      this.cache.set(id, res[id] ?? null);
    }
    this.arrived(ids);
  }
}
