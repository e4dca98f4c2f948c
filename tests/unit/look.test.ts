import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { toMatchEntity } from '../../data/compile';
import { loadDataset } from '../../data/load';
import {
  between,
  CONTEXT_AFTER,
  isLookRequest,
  type LookRequest,
  look,
  lookAtOnce,
  MAX_LOOK_TEXT,
  splitLook,
} from '../../data/match/look';
import { Matcher } from '../../data/matcher';

/**
 * The first look as one request: what the background runs for a page. Split into requests of
 * any size, with any script ranges skipped, it must find exactly what one look over the whole
 * text finds, or the page would miss (or gain) mentions depending on where the background is.
 */

const { entities } = loadDataset();
const probe = new Matcher(entities.map(toMatchEntity)).probe;
const aliases = entities.flatMap((e) => e.aliases.map((a) => (typeof a === 'string' ? a : a.text)));

const fragment = fc.oneof(
  fc.constantFrom(...aliases),
  fc.constantFrom(
    'the',
    'said',
    'Trump',
    'Sessions',
    '§',
    '1325',
    '8 U.S.C.',
    'sección',
    'é',
    '—',
    '\n',
    '"',
  ),
  fc.string({ maxLength: 6 }),
);
/** Fragments joined by spaces, by nothing (a split may fall inside a word) or by punctuation. */
const text = fc
  .array(fc.tuple(fragment, fc.constantFrom(' ', ' ', '', '-', '. ', '§')), { maxLength: 60 })
  .map((parts) => parts.map(([f, sep]) => f + sep).join(''));

/** Sorted, disjoint ranges inside [0, length). */
const ranges = (length: number) =>
  fc.array(fc.nat({ max: Math.max(0, length) }), { maxLength: 8 }).map((cuts) => {
    const sorted = [...new Set(cuts)].sort((a, b) => a - b);
    const out: [number, number][] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) out.push([sorted[i] as number, sorted[i + 1] as number]);
    return out;
  });

const request = text.chain((t) =>
  fc
    .tuple(fc.nat({ max: t.length }), fc.nat({ max: t.length }), ranges(t.length))
    .map(([x, y, skip]): LookRequest => ({ text: t, from: Math.min(x, y), to: Math.max(x, y), skip })),
);

describe('a look split into requests', () => {
  test('finds what one look over the whole text finds, at any split size and with any skipped ranges', () => {
    fc.assert(
      fc.property(request, fc.integer({ min: 1, max: 400 }), (req, size) => {
        const whole = lookAtOnce(probe, req);
        const parts = splitLook(req, size).flatMap(({ req: part, shift }) =>
          lookAtOnce(probe, part).map((o) => o + shift),
        );
        expect(parts).toEqual(whole);
      }),
      { numRuns: 1000 },
    );
  });

  test('finds mentions: a text of aliases has a candidate at each one', () => {
    const t = 'On Friday Jeff Sessions spoke; 8 U.S.C. § 1325 was cited.';
    const found = lookAtOnce(probe, { text: t, from: 0, to: t.length, skip: [] });
    expect(found).toContain(t.indexOf('Jeff Sessions'));
    expect(found).toContain(t.indexOf('§'));
    // Skipped text (a script's) is not looked at.
    const skipped = lookAtOnce(probe, { text: t, from: 0, to: t.length, skip: [[0, 30]] });
    expect(skipped).not.toContain(t.indexOf('Jeff Sessions'));
  });

  test('in steps or at once: the same offsets', () => {
    const t = 'Jeff Sessions '.repeat(3000);
    const req = { text: t, from: 0, to: t.length, skip: [] as [number, number][] };
    const steps = look(probe, req);
    let yields = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) yields++;
    expect(yields).toBeGreaterThan(1);
    expect(r.value).toEqual(lookAtOnce(probe, req));
    // Two candidates a copy: "Jeff Sessions", and "Sessions" on its own.
    expect(r.value).toHaveLength(6000);
  });

  test('each request carries its range and the context either side, and a single one is not copied', () => {
    const t = 'x'.repeat(10_000);
    const req = { text: t, from: 100, to: 9_000, skip: [[50, 5_000]] as [number, number][] };
    expect(splitLook(req, 20_000)).toEqual([{ req, shift: 0 }]);
    const parts = splitLook(req, 4_000);
    expect(parts.map((p) => [p.shift, p.req.from, p.req.to, p.req.text.length])).toEqual([
      [36, 64, 4_064, 4_064 + CONTEXT_AFTER],
      [4_036, 64, 4_064, 10_000 - 4_036],
      [8_036, 64, 964, 10_000 - 8_036],
    ]);
    expect(parts.map((p) => p.req.skip)).toEqual([[[14, 4_964]], [[0, 964]], []]);
  });
});

describe('between', () => {
  test('the parts of a range that sorted ranges leave', () => {
    expect(between(0, 100, [])).toEqual([[0, 100]]);
    expect(
      between(0, 100, [
        [10, 20],
        [30, 40],
      ]),
    ).toEqual([
      [0, 10],
      [20, 30],
      [40, 100],
    ]);
    expect(
      between(15, 35, [
        [10, 20],
        [30, 40],
      ]),
    ).toEqual([[20, 30]]);
    expect(between(0, 10, [[0, 10]])).toEqual([]);
    expect(between(0, 10, [[20, 30]])).toEqual([[0, 10]]);
  });
});

describe('a look request from a content script', () => {
  test('is checked for shape and size before the background runs it', () => {
    const ok = {
      text: 'abc',
      from: 0,
      to: 3,
      skip: [
        [0, 1],
        [1, 2],
      ],
    };
    expect(isLookRequest(ok)).toBe(true);
    expect(isLookRequest({ ...ok, text: 'x'.repeat(MAX_LOOK_TEXT) })).toBe(true);
    for (const bad of [
      null,
      'abc',
      { ...ok, text: 'x'.repeat(MAX_LOOK_TEXT + 1) },
      { ...ok, from: -1 },
      { ...ok, from: 1.5 },
      { ...ok, from: 3, to: 2 },
      { ...ok, to: 4 },
      { ...ok, skip: 'none' },
      { ...ok, skip: [[1]] },
      { ...ok, skip: [[2, 1]] },
      {
        ...ok,
        skip: [
          [1, 2],
          [0, 1],
        ],
      },
      { ...ok, skip: [['0', 1]] },
    ])
      expect(isLookRequest(bad), JSON.stringify(bad)?.slice(0, 60)).toBe(false);
  });
});
