import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { nthUnit } from '../../data/first-look';
import { foldCode, foldString, SEP, SKIP } from '../../data/fold';
import { foldedRun, matchAt } from '../../data/match/probe';

/**
 * Five loops walk text in folded units (fold.ts's foldString, the probe's foldedRun, matchAt and
 * its hashing loop, the first look's nthUnit). They stay inlined because they are the hottest
 * code a page runs; this file holds each to one reference walk, so they cannot drift apart.
 */

/** The reference: each folded unit of `text` from `from`, with the index of the character that made it. */
function units(text: string, from = 0): { code: number; at: number }[] {
  const out: { code: number; at: number }[] = [];
  let inSep = false;
  for (let i = from; i < text.length; i++) {
    const f = foldCode(text.charCodeAt(i));
    if (f === SKIP) continue;
    if (f === SEP) {
      if (inSep) continue;
      inSep = true;
    } else inSep = false;
    out.push({ code: f, at: i });
  }
  return out;
}

const join = (u: { code: number }[]) => String.fromCharCode(...u.map((x) => x.code));

/** Text made of the characters the fold treats specially, and plain ones. */
const ALPHABET = [
  'a',
  'B',
  'é',
  'Ñ',
  'ß',
  ' ',
  '\t',
  '\u00a0',
  '-',
  '\u2013',
  '\u00ad',
  '\u0301',
  '\u200b',
  '’',
  '“',
  '1',
  '.',
  'x',
];
const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 24 }).map((a) => a.join(''));

describe('the folded-unit walks agree with one reference walk', () => {
  test('foldedRun: the first k units', () => {
    fc.assert(
      fc.property(text, fc.nat(24), fc.integer({ min: 1, max: 6 }), (t, i, k) => {
        const at = Math.min(i, t.length);
        expect(foldedRun(t, at, k)).toBe(join(units(t, at).slice(0, k)));
      }),
      { numRuns: 3000 },
    );
  });

  test('matchAt: a pattern of units matches where the reference units spell it, ending after trailing skips', () => {
    fc.assert(
      fc.property(text, fc.nat(24), fc.integer({ min: 1, max: 6 }), fc.boolean(), (t, i, k, spoil) => {
        const at = Math.min(i, t.length);
        const u = units(t, at).slice(0, k);
        if (u.length === 0) return;
        let pattern = join(u);
        if (spoil) pattern = `${pattern.slice(0, -1)}\u0000`;
        let end = -1;
        if (!spoil) {
          end = (u[u.length - 1] as { at: number }).at + 1;
          while (end < t.length && foldCode(t.charCodeAt(end)) === SKIP) end++;
        }
        expect(matchAt(t, at, pattern)).toBe(end);
      }),
      { numRuns: 3000 },
    );
  });

  test('foldString: the units, separators collapsed and trimmed', () => {
    fc.assert(
      fc.property(text, (t) => {
        const u = units(t);
        while (u[0]?.code === SEP) u.shift();
        while (u[u.length - 1]?.code === SEP) u.pop();
        expect(foldString(t)).toBe(join(u));
      }),
      { numRuns: 3000 },
    );
  });

  test('nthUnit: the character that makes the n-th unit, forward and back', () => {
    fc.assert(
      fc.property(text, fc.nat(24), fc.integer({ min: 1, max: 6 }), (t, i, n) => {
        const at = Math.min(i, t.length);
        const fwd = units(t, at);
        expect(nthUnit(t, at, 1, n)).toBe(fwd[n - 1]?.at ?? t.length);
        // Backwards: the same walk on the reversed text (separator runs and skips are symmetric).
        if (at === 0) return;
        const rev = [...t.slice(0, at)].reverse().join('');
        const back = units(rev, 0);
        const expected = back[n - 1] ? at - 1 - (back[n - 1] as { at: number }).at : -1;
        expect(nthUnit(t, at - 1, -1, n)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});
