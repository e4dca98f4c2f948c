/**
 * The card as a reader sees it, read inside the page (the same code in both browsers): the
 * `<backstory-card>` host's open shadow root holds `[data-card][data-entity]`.
 */
import type { Rect, Session, Tab } from '../drivers';
import { CARD_CLOSE_MS, GIVE_UP_MS } from '../timing';

/** The card element inside the host's shadow root. */
export const CARD = 'backstory-card >>> [data-card]';

/** The first mark of an entity (add more attribute filters with `extra`). */
export const mark = (entity: string, extra = '') => `backstory-mark[data-entity="${entity}"]${extra}`;

/** What the open card shows, or null when no card is visible. */
export interface CardState {
  entity: string;
  rect: Rect;
  hosts: number;
}

/**
 * The cards a reader can see: a card element with a box, in a host that is not hidden (the idle
 * warm-up puts a host on the page with visibility:hidden; it is not an open card). Self-contained:
 * it runs in the page.
 */
function visibleCards(): CardState[] {
  const hosts = [...document.querySelectorAll('backstory-card')];
  const out: CardState[] = [];
  for (const host of hosts) {
    const card = host.shadowRoot?.querySelector('[data-card]');
    if (!card || getComputedStyle(host).visibility === 'hidden') continue;
    const r = card.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && getComputedStyle(card).visibility !== 'hidden')
      out.push({
        entity: card.getAttribute('data-entity') ?? '',
        rect: { x: r.x, y: r.y, width: r.width, height: r.height },
        hosts: hosts.length,
      });
  }
  return out;
}

/** The visible card, or null. */
export async function cardState(tab: Tab): Promise<CardState | null> {
  return (await tab.evaluate(visibleCards))[0] ?? null;
}

/** True in the page when a card is visible (of `id`, unless empty) and `open`, or none is and not `open`. */
function cardIs({ id, open }: { id: string; open: boolean }): boolean {
  const shown = [...document.querySelectorAll('backstory-card')].some((host) => {
    const card = host.shadowRoot?.querySelector('[data-card]');
    if (!card || getComputedStyle(host).visibility === 'hidden') return false;
    if (id && card.getAttribute('data-entity') !== id) return false;
    const r = card.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(card).visibility !== 'hidden';
  });
  return shown === open;
}

/** Waits until a card is visible (of `entity`, when given). */
export async function waitForCard(tab: Tab, entity?: string, timeout = GIVE_UP_MS): Promise<void> {
  await tab.waitForFunction(cardIs, { id: entity ?? '', open: true }, { timeout });
}

/** Waits until no card is visible. */
export async function waitForNoCard(tab: Tab, timeout = GIVE_UP_MS): Promise<void> {
  await tab.waitForFunction(cardIs, { id: '', open: false }, { timeout });
}

/**
 * How many card elements are on the page, visible or not, leaving out the idle warm-up's (its
 * host is visibility:hidden): 0 once a card is closed.
 */
export function cardCount(tab: Tab): Promise<number> {
  return tab.evaluate(
    () =>
      [...document.querySelectorAll('backstory-card')].filter(
        (h) => getComputedStyle(h).visibility !== 'hidden' && h.shadowRoot?.querySelector('[data-card]'),
      ).length,
  );
}

/** The card's text (its textContent). */
export function cardText(tab: Tab): Promise<string> {
  return tab.$eval(CARD, (el) => el.textContent ?? '');
}

/** An attribute of the card element. */
export function cardAttr(tab: Tab, name: string): Promise<string | null> {
  return tab.$eval(CARD, (el, n) => el.getAttribute(n), name);
}

/** Hovers the first mark of an entity and waits for its card. */
export async function hoverCard(tab: Tab, entity: string, extra = ''): Promise<void> {
  await tab.hover(mark(entity, extra));
  await waitForCard(tab);
}

/** The id of the mark that has focus (its entity), or null. */
export function focusedEntity(tab: Tab): Promise<string | null> {
  return tab.evaluate(() => document.activeElement?.getAttribute('data-entity') ?? null);
}

/** The index of the focused element among the page's marks (-1 when focus is elsewhere). */
export function focusedMarkIndex(tab: Tab): Promise<number> {
  return tab.evaluate(() =>
    [...document.querySelectorAll('backstory-mark')].indexOf(document.activeElement!),
  );
}

/**
 * Sends the keyboard-mode command's message to the active tab from an extension page, as the
 * background does for Alt+Shift+B; returns the content script's answer (the new mode).
 */
export function toggleKeyboardMode(b: Session): Promise<unknown> {
  return b.inExtension(async () => {
    const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    return api.tabs.sendMessage(tab!.id!, { type: 'toggle-keyboard-mode' });
  });
}

/**
 * Watches, inside the page, when the pointer first reaches a mark of `entity` and the first
 * frame its card is visible in. Read the two times with `readOpenTiming`.
 */
export function watchCardOpen(tab: Tab, entity: string): Promise<void> {
  return tab.evaluate((id) => {
    const w = window as unknown as { __bsOpen?: Record<string, { arrived: number; shown: number }> };
    w.__bsOpen ??= {};
    const rec = { arrived: Number.NaN, shown: Number.NaN };
    w.__bsOpen[id] = rec;
    const onOver = (e: Event) => {
      const m = (e.target as Element | null)?.closest?.('backstory-mark');
      if (m?.getAttribute('data-entity') === id && Number.isNaN(rec.arrived)) rec.arrived = e.timeStamp;
    };
    document.addEventListener('pointerover', onOver, true);
    document.addEventListener('mouseover', onOver, true);
    const frame = () => {
      const card = [...document.querySelectorAll('backstory-card')]
        .filter((h) => getComputedStyle(h).visibility !== 'hidden')
        .map((h) => h.shadowRoot?.querySelector(`[data-card][data-entity="${id}"]`))
        .find((c) => {
          const r = c?.getBoundingClientRect();
          return c && r && r.width > 0 && r.height > 0 && getComputedStyle(c).visibility !== 'hidden';
        });
      if (card && !Number.isNaN(rec.arrived)) {
        rec.shown = performance.now();
        return;
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, entity);
}

/** The times `watchCardOpen` saw, and the wait between them (NaN when it has not happened). */
export async function readOpenTiming(
  tab: Tab,
  entity: string,
): Promise<{ arrived: number; shown: number; waited: number }> {
  // The frame loop records the open a frame after the card shows; give it that frame.
  await tab
    .waitForFunction(
      (id) =>
        !Number.isNaN(
          (window as unknown as { __bsOpen?: Record<string, { shown: number }> }).__bsOpen?.[id]?.shown ??
            Number.NaN,
        ),
      entity,
      { timeout: CARD_CLOSE_MS },
    )
    .catch(() => undefined);
  const r = await tab.evaluate(
    (id) =>
      (window as unknown as { __bsOpen?: Record<string, { arrived: number; shown: number }> }).__bsOpen?.[
        id
      ] ?? {
        arrived: Number.NaN,
        shown: Number.NaN,
      },
    entity,
  );
  return { ...r, waited: r.shown - r.arrived };
}

/** Waits until the card's entry animation (if any) has finished. */
export async function cardSettled(tab: Tab): Promise<void> {
  await tab.$eval(CARD, async (card) => {
    await Promise.all(card.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined)));
  });
}

/**
 * Watches every frame, inside the page, for a visible card that is not next to the mark it
 * belongs to (`backstory-mark[data-open]`): above or below one of its line boxes within `gap`
 * px, overlapping it sideways, with that line in the viewport. A frame counts as detached only
 * when the one before it was detached too: a close that lands one frame late is not a card
 * floating away. Read the result with `stopDetachedWatch`.
 */
export function watchDetached(t: Tab, gap: number): Promise<void> {
  return t.evaluate((gap) => {
    const w = window as unknown as {
      __bsDetached: { frames: number; open: number; detached: string[]; stop: boolean };
    };
    const state = { frames: 0, open: 0, detached: [] as string[], stop: false };
    w.__bsDetached = state;
    let before = false;
    const frame = () => {
      if (state.stop) return;
      state.frames++;
      const host = [...document.querySelectorAll('backstory-card')].find(
        (h) => getComputedStyle(h).visibility !== 'hidden',
      );
      const card = host?.shadowRoot?.querySelector('[data-card]');
      const c = card?.getBoundingClientRect();
      let detached = false;
      let why = '';
      if (card && c && c.width > 0 && c.height > 0) {
        state.open++;
        const anchor = document.querySelector('backstory-mark[data-open]');
        const lines = anchor ? [...anchor.getClientRects()] : [];
        const next = lines.some(
          (r) =>
            r.bottom > 0 &&
            r.top < innerHeight &&
            r.right > 0 &&
            r.left < innerWidth &&
            c.left < r.right &&
            c.right > r.left &&
            ((c.top >= r.bottom - 1 && c.top <= r.bottom + gap) ||
              (c.bottom <= r.top + 1 && c.bottom >= r.top - gap)),
        );
        if (!next) {
          detached = true;
          const l = lines
            .map((r) => `${Math.round(r.left)},${Math.round(r.top)}-${Math.round(r.bottom)}`)
            .join(' ');
          why = `${(window as unknown as { __bsStep?: string }).__bsStep ?? 'hover'}: card ${Math.round(c.left)},${Math.round(c.top)}-${Math.round(c.bottom)} vs mark lines [${l}] in ${innerWidth}x${innerHeight} at scrollY ${Math.round(scrollY)}`;
        }
      }
      if (detached && before) state.detached.push(why);
      before = detached;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, gap);
}

/** Stops `watchDetached` and returns what it saw. */
export function stopDetachedWatch(t: Tab): Promise<{ frames: number; open: number; detached: string[] }> {
  return t.evaluate(() => {
    const s = (
      window as unknown as {
        __bsDetached: { frames: number; open: number; detached: string[]; stop: boolean };
      }
    ).__bsDetached;
    s.stop = true;
    return { frames: s.frames, open: s.open, detached: s.detached };
  });
}
