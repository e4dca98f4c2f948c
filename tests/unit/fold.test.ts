import { describe, expect, test } from 'vitest';
import { foldCode, foldCodeKeepCase, isWordCode, SEP, SKIP } from '../../data/fold';

describe('fold tables', () => {
  test('every Latin code folds as its per-code definition says', () => {
    const seps = new Set([9, 10, 11, 12, 13, 32, 0x2d, 0xa0]);
    const bad: string[] = [];
    for (let c = 0; c < 0x250; c++) {
      const ch = String.fromCharCode(c);
      const base = ch.normalize('NFD').charAt(0);
      const lower = base.toLowerCase();
      const want = seps.has(c)
        ? SEP
        : c === 0xad
          ? SKIP
          : c === 0xdf
            ? 0xdf
            : lower.length === 1
              ? lower.charCodeAt(0)
              : c;
      if (foldCode(c) !== want) bad.push(`foldCode U+${c.toString(16)}`);
      const keep = seps.has(c) ? SEP : c === 0xad ? SKIP : base.charCodeAt(0);
      if (foldCodeKeepCase(c) !== keep) bad.push(`foldCodeKeepCase U+${c.toString(16)}`);
      if (isWordCode(c) !== /[\p{L}\p{N}\p{M}]/u.test(ch)) bad.push(`isWordCode U+${c.toString(16)}`);
    }
    expect(bad).toEqual([]);
  });
});
