import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '../../data/settings';
import { CardController } from '../../entrypoints/content/card/controller';
import { WARMUP_QUIET_MS } from '../../entrypoints/content/card/warm-up';
import { WARMUP_STEP_MEASURE } from '../../entrypoints/content/measures';
import { statute } from './entities';

/** The ids the card asked the background for, one list per message. */
let asked: string[][] = [];

function mark(entity: string, text = entity): HTMLElement {
  const m = document.createElement('backstory-mark');
  m.setAttribute('data-entity', entity);
  m.setAttribute('data-category', 'person');
  m.textContent = text;
  document.body.append(m);
  return m;
}

/** Runs the refresh timer, then lets the background's answers arrive. */
async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(100);
}

describe('CardController.refresh', () => {
  let card: CardController;

  beforeEach(() => {
    // performance.now too: the warm-up compares it with the time of the last change.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    fakeBrowser.reset();
    asked = [];
    fakeBrowser.runtime.onMessage.addListener((m: unknown) => {
      const req = m as { type: string; ids?: string[] };
      if (req.type !== 'get-entities') return undefined;
      asked.push([...(req.ids ?? [])]);
      return Promise.resolve(req.ids?.includes(statute.id) ? { [statute.id]: statute } : {});
    });
    card = new CardController({
      settings: () => DEFAULT_SETTINGS,
      marksFor: (id) => [...document.querySelectorAll(`backstory-mark[data-entity="${id}"]`)],
      pageDate: () => null,
    });
  });

  afterEach(() => {
    card.destroy();
    document.body.replaceChildren();
    vi.useRealTimers();
  });

  test('without a list it reads every mark on the page', async () => {
    mark('jeff-sessions');
    mark('ms-l-v-ice');
    card.refresh();
    await settle();
    expect(asked.flat().sort()).toEqual(['jeff-sessions', 'ms-l-v-ice']);
  });

  test('with a list it reads only the marks named, until a full refresh is asked for', async () => {
    mark('jeff-sessions');
    card.refresh();
    await settle();
    asked = [];
    const added = mark('kirstjen-nielsen');
    // On the page but not reported as added: an incremental refresh does not look for it.
    mark('dana-sabraw');
    card.refresh([added]);
    await settle();
    expect(asked).toEqual([['kirstjen-nielsen']]);
    // Several incremental calls before the timer fires are read together.
    const a = mark('john-kelly');
    const b = mark('scott-lloyd');
    card.refresh([a]);
    card.refresh([b]);
    await settle();
    expect(asked.slice(1).flat().sort()).toEqual(['john-kelly', 'scott-lloyd']);
    // A full refresh in the same burst wins over the list.
    card.refresh([mark('lee-gelernt')]);
    card.refresh();
    await settle();
    expect(asked.slice(2).flat().sort()).toEqual(['dana-sabraw', 'lee-gelernt']);
  });

  test('marks removed before the timer fires are skipped', async () => {
    const gone = mark('jeff-sessions');
    card.refresh([gone]);
    gone.remove();
    await settle();
    expect(asked).toEqual([]);
  });

  test('in keyboard mode, added marks become focusable buttons', async () => {
    mark('jeff-sessions');
    card.toggleKeyboardMode();
    const added = mark('kirstjen-nielsen');
    expect(added.hasAttribute('tabindex')).toBe(false);
    card.refresh([added]);
    await settle();
    expect(added.getAttribute('tabindex')).toBe('0');
    expect(added.getAttribute('role')).toBe('button');
  });

  test('the idle warm-up waits until the marks have stopped changing', async () => {
    const measure = vi.spyOn(performance, 'measure').mockImplementation(() => undefined as never);
    const steps = () => measure.mock.calls.filter(([name]) => name === WARMUP_STEP_MEASURE).length;
    card.start();
    mark(statute.id);
    card.refresh();
    await settle();
    expect(asked).toEqual([[statute.id]]);
    // A scan still writing: a change every 100 ms for two seconds, and no warm-up step runs.
    for (let i = 0; i < 20; i++) {
      card.refresh([mark('jeff-sessions')]);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(steps()).toBe(0);
    await vi.advanceTimersByTimeAsync(WARMUP_QUIET_MS + 1000);
    expect(steps()).toBe(2);
    expect(document.querySelector('backstory-card')).toBeNull();
  });
});
