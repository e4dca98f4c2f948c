import { afterEach, describe, expect, test, vi } from 'vitest';
import { type LookRequest, lookAtOnce } from '../../data/match/look';
import { createPageState, Matcher } from '../../data/matcher';
import { defaultSettings } from '../../data/settings';
import type { MatchEntity } from '../../data/types';
import { MARK_TAG } from '../../entrypoints/content/dom-rules';
import { LOOK_ELSEWHERE_MARK } from '../../entrypoints/content/measures';
import { backgroundLook, LOOK_TIMEOUT_MS } from '../../entrypoints/content/scan/look-elsewhere';
import { Scanner } from '../../entrypoints/content/scan/scanner';
import type { LookElsewhere } from '../../entrypoints/content/scan/text-reader';
import { engineFor } from '../engine';

/**
 * The first look in the background: the page sends its text, the background answers where
 * mentions may start. Whatever the background does (answers, fails, answers nonsense, never
 * answers), the page ends up with the same marks.
 */

const ENTITIES: MatchEntity[] = [
  {
    id: 'jeff-sessions',
    category: 'official',
    scope: 'core',
    name: 'Jeff Sessions',
    aliases: [{ text: 'Jeff Sessions' }, { text: 'Sessions', caseSensitive: true, requires: 'coreference' }],
  },
  {
    id: 'border-patrol',
    category: 'agency',
    scope: 'core',
    name: 'Border Patrol',
    aliases: [{ text: 'Border Patrol' }],
  },
];
const matcher = new Matcher(ENTITIES);

function page(): void {
  document.body.replaceChildren();
  for (const t of [
    'Jeff Sessions announced the policy in April.',
    'The Border Patrol referred parents for prosecution, and Sessions defended it.',
    'A paragraph about something else entirely.',
  ]) {
    const p = document.createElement('p');
    p.textContent = t;
    document.body.appendChild(p);
  }
  const script = document.createElement('script');
  script.textContent = `var s = "Jeff Sessions"; ${'// filler '.repeat(40)}`;
  document.body.appendChild(script);
}

async function marksWith(lookElsewhere?: LookElsewhere): Promise<string[]> {
  page();
  const settings = defaultSettings();
  const scanner = new Scanner(createPageState('en'), {
    probe: matcher.probe,
    lookElsewhere,
    engine: engineFor(matcher),
    settings: () => settings,
    active: () => true,
    schedule: (fn) => fn(),
  });
  scanner.scan(document.body);
  await vi.waitFor(() => expect(document.querySelectorAll(MARK_TAG).length).toBeGreaterThan(0));
  // Let any chunk still scheduled finish.
  await new Promise((r) => setTimeout(r, 10));
  return [...document.querySelectorAll(MARK_TAG)].map((m) => m.textContent ?? '');
}

const EXPECTED = ['Jeff Sessions', 'Border Patrol', 'Sessions'];

afterEach(() => {
  vi.useRealTimers();
  performance.clearMarks();
});

describe('a scan whose first look runs elsewhere', () => {
  test('the page alone marks what it should (the reference)', async () => {
    expect(await marksWith()).toEqual(EXPECTED);
  });

  test('a background that answers: the same marks, and the page sent its text without the script', async () => {
    const sent: LookRequest[] = [];
    const marks = await marksWith(async (req) => {
      sent.push(req);
      return lookAtOnce(matcher.probe, req);
    });
    expect(marks).toEqual(EXPECTED);
    expect(sent).toHaveLength(1);
    const [req] = sent as [LookRequest];
    expect(req.text).toBe(document.body.textContent);
    expect(req.skip).toEqual([[req.text.indexOf('var s'), req.text.length]]);
  });

  test('a background that fails or cannot answer: the page looks itself', async () => {
    expect(await marksWith(async () => null)).toEqual(EXPECTED);
    expect(
      await marksWith(async () => {
        throw new Error('Extension context invalidated.');
      }),
    ).toEqual(EXPECTED);
  });
});

describe('backgroundLook', () => {
  const req: LookRequest = { text: 'Jeff Sessions spoke.', from: 0, to: 20, skip: [] };

  test("sends the request and hands back the background's offsets, marking its time for the bench", async () => {
    const send = vi.fn(async () => ({ offsets: [0, 5], ms: 1.25 }));
    const look = backgroundLook(send);
    expect(await look(req)).toEqual([0, 5]);
    expect(send).toHaveBeenCalledWith({ type: 'look', ...req });
    const [mark] = performance.getEntriesByName(LOOK_ELSEWHERE_MARK) as PerformanceMark[];
    expect(mark?.detail).toEqual({ ms: 1.25, chars: 20 });
  });

  test('an answer that does not fit the request is not used, and the page looks itself from then on', async () => {
    for (const bad of [
      undefined,
      { offsets: [5, 0], ms: 1 },
      { offsets: [0, 20], ms: 1 },
      { offsets: [-1], ms: 1 },
      { offsets: [0.5], ms: 1 },
      { offsets: [0] },
      'nonsense',
    ]) {
      const send = vi.fn(async () => bad);
      const look = backgroundLook(send);
      expect(await look(req), JSON.stringify(bad)).toBeNull();
      expect(await look(req)).toBeNull();
      expect(send).toHaveBeenCalledTimes(1);
    }
  });

  test('a background that never answers: null after LOOK_TIMEOUT_MS', async () => {
    vi.useFakeTimers();
    const look = backgroundLook(() => new Promise(() => undefined));
    let answer: number[] | null | undefined;
    void look(req).then((a) => {
      answer = a;
    });
    await vi.advanceTimersByTimeAsync(LOOK_TIMEOUT_MS - 1);
    expect(answer).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(answer).toBeNull();
  });
});
