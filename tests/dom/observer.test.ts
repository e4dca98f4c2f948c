import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  OBSERVER_DEBOUNCE_MS,
  OBSERVER_FULL_RESCAN_THRESHOLD,
  OBSERVER_MAX_WAIT_MS,
  type PageChanges,
  PageObserver,
} from '../../entrypoints/content/scan/observer';

/** An observer on a fresh body, with every event it reports. */
function observe() {
  document.body.innerHTML = '';
  const events: { added: Node[][]; rescan: number; removed: number; changed: PageChanges[] } = {
    added: [],
    rescan: 0,
    removed: 0,
    changed: [],
  };
  const observer = new PageObserver(() => document.body);
  observer.on('added', (roots) => events.added.push(roots));
  observer.on('rescan', () => events.rescan++);
  observer.on('removed', () => events.removed++);
  observer.on('changed', (c) => events.changed.push(c));
  observer.start();
  return { observer, events };
}

/** Lets the MutationObserver deliver, then runs the debounce. */
async function settle(ms = OBSERVER_DEBOUNCE_MS) {
  await vi.advanceTimersByTimeAsync(0);
  await vi.advanceTimersByTimeAsync(ms);
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the page observer', () => {
  test('reports added roots once, after the debounce, without the nodes inside them', async () => {
    const { observer, events } = observe();
    const div = document.createElement('div');
    div.innerHTML = '<p>One <b>two</b></p><p>Three</p>';
    document.body.append(div);
    // Added inside a node already queued: it is read with its ancestor.
    div.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(OBSERVER_DEBOUNCE_MS - 1);
    expect(events.added).toEqual([]);
    await settle(1);
    expect(events.added).toEqual([[div]]);
    observer.disconnect();
  });

  test('a text node added alone is reported as its parent', async () => {
    const { observer, events } = observe();
    const p = document.createElement('p');
    document.body.append(p);
    await settle();
    events.added.length = 0;
    const t = document.createTextNode('later text');
    p.append(t);
    await settle();
    expect(events.added).toEqual([[p]]);
    observer.disconnect();
  });

  test('ignores our own marks and card, added or changed', async () => {
    const { observer, events } = observe();
    const mark = document.createElement('backstory-mark');
    mark.textContent = 'ICE';
    document.body.append(mark, document.createElement('backstory-card'));
    await settle();
    expect(events.added).toEqual([]);
    (mark.firstChild as Text).data = 'CBP';
    await settle();
    expect(events.added).toEqual([]);
    expect(events.changed.flatMap((c) => c.dirty)).toEqual([]);
    observer.disconnect();
  });

  test(`more than ${OBSERVER_FULL_RESCAN_THRESHOLD} added roots become one full rescan`, async () => {
    const { observer, events } = observe();
    for (let i = 0; i <= OBSERVER_FULL_RESCAN_THRESHOLD; i++)
      document.body.append(document.createElement('p'));
    await settle();
    expect(events.rescan).toBe(1);
    expect(events.added).toEqual([]);
    observer.disconnect();
  });

  test('a burst that never pauses is still reported within the longest wait', async () => {
    const { observer, events } = observe();
    for (let t = 0; t < OBSERVER_MAX_WAIT_MS; t += OBSERVER_DEBOUNCE_MS / 2) {
      document.body.append(document.createElement('p'));
      await vi.advanceTimersByTimeAsync(OBSERVER_DEBOUNCE_MS / 2);
    }
    expect(events.added.length).toBeGreaterThan(0);
    observer.disconnect();
  });

  test('removals are reported, so the scanner can forget what went', async () => {
    const { observer, events } = observe();
    const p = document.createElement('p');
    document.body.append(p);
    await settle();
    p.remove();
    await settle();
    expect(events.removed).toBe(1);
    expect(events.changed.at(-1)?.changed).toEqual([p]);
    observer.disconnect();
  });

  test('a text change is reported at once as changed and dirty, and its node is rescanned later', async () => {
    const { observer, events } = observe();
    const p = document.createElement('p');
    p.textContent = 'old';
    document.body.append(p);
    await settle();
    events.added.length = 0;
    const t = p.firstChild as Text;
    t.data = 'new';
    await vi.advanceTimersByTimeAsync(0);
    expect(events.changed.at(-1)).toEqual({ changed: [t], dirty: [t] });
    await settle();
    expect(events.added).toEqual([[p]]);
    observer.disconnect();
  });

  test('pause hands back the changes not delivered yet instead of reporting them, and stops observing', async () => {
    const { observer, events } = observe();
    const p = document.createElement('p');
    p.textContent = 'text';
    document.body.append(p);
    await settle();
    events.changed.length = 0;
    events.added.length = 0;
    const t = p.firstChild as Text;
    t.data = 'changed by the page';
    const pending = observer.pause();
    expect(pending).toEqual({ changed: [t], dirty: [t] });
    // Our own write while paused makes no record at all.
    p.append(document.createElement('span'));
    observer.resume();
    await settle();
    expect(events.changed).toEqual([]);
    // Paused writes were not seen; the page's change still gets its block rescanned.
    expect(events.added).toEqual([[p]]);
    // Observing again after resume.
    const i = document.createElement('i');
    p.append(i);
    await settle();
    expect(events.added.at(-1)).toEqual([i]);
    observer.disconnect();
  });

  test('pauses nest: only the outermost hands back changes and only it resumes', async () => {
    const { observer, events } = observe();
    expect(observer.pause()).toEqual({ changed: [], dirty: [] });
    expect(observer.pause()).toEqual({ changed: [], dirty: [] });
    observer.resume();
    document.body.append(document.createElement('p'));
    await settle();
    expect(events.added).toEqual([]);
    observer.resume();
    document.body.append(document.createElement('p'));
    await settle();
    expect(events.added).toHaveLength(1);
    observer.disconnect();
  });

  test('does nothing once the extension is gone', async () => {
    document.body.innerHTML = '';
    let alive = true;
    const observer = new PageObserver(
      () => document.body,
      () => alive,
    );
    const added: Node[][] = [];
    observer.on('added', (r) => added.push(r));
    observer.start();
    alive = false;
    document.body.append(document.createElement('p'));
    await settle();
    expect(added).toEqual([]);
    observer.disconnect();
  });
});
