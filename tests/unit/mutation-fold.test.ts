import { describe, expect, test } from 'vitest';
import { foldCode, foldCodeKeepCase, foldString, isStart, isWordCode, SEP, SKIP } from '../../data/fold';

/**
 * The fold outside the Latin table (tests/unit/fold.test.ts checks the table itself): which
 * spaces, dashes, marks and quotes a page's text may hold, and where words start.
 */

const hex = (c: number) => `U+${c.toString(16).padStart(4, '0')}`;

describe('foldCode past the Latin table', () => {
  test.each([
    // The first codes past the table and outside every special block stay themselves.
    [0x250, 0x250],
    [0x2ff, 0x2ff],
    [0x3b1, 0x3b1],
    // Combining diacritical marks are skipped, the whole block and no more.
    [0x2ff, 0x2ff],
    [0x300, SKIP],
    [0x36f, SKIP],
    [0x370, 0x370],
    // General punctuation: spaces, zero-width and direction marks, dashes, quotes, invisible operators.
    [0x1fff, 0x1fff],
    [0x2000, SEP],
    [0x2003, SEP],
    [0x200a, SEP],
    [0x200b, SKIP],
    [0x200d, SKIP],
    [0x200f, SKIP],
    [0x2010, SEP],
    [0x2011, SEP],
    [0x2014, SEP],
    [0x2015, SEP],
    [0x2016, 0x2016],
    [0x2017, 0x2017],
    [0x2018, 39],
    [0x2019, 39],
    [0x201a, 0x201a],
    [0x201b, 39],
    [0x201c, 34],
    [0x201d, 34],
    [0x201e, 0x201e],
    [0x201f, 34],
    [0x2031, 0x2031],
    [0x2032, 39],
    [0x2033, 34],
    [0x2034, 0x2034],
    [0x202f, SEP],
    [0x205f, SEP],
    [0x2060, SKIP],
    [0x2064, SKIP],
    [0x2065, 0x2065],
    [0x206f, 0x206f],
    [0x2070, 0x2070],
    // Elsewhere: the ideographic space, the byte-order mark and the minus sign.
    [0x3000, SEP],
    [0x3001, 0x3001],
    [0xfeff, SKIP],
    [0xfefe, 0xfefe],
    [0x2212, SEP],
    [0x2211, 0x2211],
    [0x2213, 0x2213],
  ])('%i', (c, expected) => {
    expect(foldCode(c), hex(c)).toBe(expected);
  });

  test('a phrase reads the same whatever spaces, dashes, quotes and invisible marks it holds', () => {
    const plain = foldString('zero-tolerance o\'neill "x"');
    expect(plain).toBe('zero tolerance o\'neill "x"');
    expect(foldString('ZERO\u2003\u2011\u3000TOLERANCE\u200b O\u2019NE\u2060ILL \u201cX\u201d\ufeff')).toBe(
      plain,
    );
    expect(foldString('zero\u2212tolerance o\u2032ne\u00adill \u2033x\u201f')).toBe(plain);
  });
});

describe('foldCodeKeepCase', () => {
  test('keeps the case of Latin letters and folds the rest like foldCode', () => {
    expect(foldCodeKeepCase('É'.charCodeAt(0))).toBe('E'.charCodeAt(0));
    expect(foldCodeKeepCase('é'.charCodeAt(0))).toBe('e'.charCodeAt(0));
    expect(foldCodeKeepCase(0x250)).toBe(0x250);
    expect(foldCodeKeepCase(0x391)).toBe(0x391);
    expect(foldCodeKeepCase(0x2019)).toBe(39);
    expect(foldCodeKeepCase(0x2003)).toBe(SEP);
    expect(foldCodeKeepCase(0x20)).toBe(SEP);
    expect(foldCodeKeepCase(0x200b)).toBe(SKIP);
    expect(foldCodeKeepCase(0xad)).toBe(SKIP);
    expect(foldCodeKeepCase(0)).toBe(0);
    expect(foldString('Peña  NIETO\u00ad', true)).toBe('Pena NIETO');
  });
});

describe('isWordCode', () => {
  test('a letter, number or mark in any script is a word character, except in the punctuation blocks', () => {
    // General Punctuation, CJK Symbols and Punctuation, the byte-order mark and the minus sign are
    // never word characters (a fast path: in the first block no code is one anyway).
    const punctuation = (c: number) =>
      (c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f) || c === 0xfeff || c === 0x2212;
    const bad: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const want = !punctuation(c) && /[\p{L}\p{N}\p{M}]/u.test(String.fromCharCode(c));
      if (isWordCode(c) !== want) bad.push(hex(c));
      if (bad.length > 10) break;
    }
    expect(bad).toEqual([]);
    expect([0x24f, 0x250, 0x3b1, 0x0416, 0x4e2d, 0x2070].map(isWordCode)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([0x2000, 0x206f, 0x3000, 0x3005, 0x303f, 0xfeff, 0x2212].map(isWordCode)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('isStart', () => {
  const starts = (text: string) => [...text].map((_, i) => isStart(text, i));

  test('a word character after a non-word one, or at the start', () => {
    expect(starts('ab cd')).toEqual([true, false, false, true, false]);
    expect(starts(' ')).toEqual([false]);
    expect(starts('-a')).toEqual([false, true]);
  });

  test('inside a word: lower to upper case, and letter to digit either way', () => {
    expect(starts('endJeff')).toEqual([true, false, false, true, false, false, false]);
    expect(starts('Ab')).toEqual([true, false]);
    expect(starts('AB')).toEqual([true, false]);
    expect(starts('a1')).toEqual([true, true]);
    expect(starts('1a')).toEqual([true, true]);
    expect(starts('12')).toEqual([true, false]);
    expect(starts('_a')).toEqual([false, true]);
  });

  test('outside Latin: the punctuation blocks separate words; other characters do not', () => {
    for (const sep of ['\u2003', '\u2014', '\u3000', '\u3001', '\u303f', '\ufeff', '\u2212']) {
      expect(starts(`a${sep}b`), hex(sep.charCodeAt(0))).toEqual([true, false, true]);
    }
    expect(starts('αβ')).toEqual([true, false]);
    expect(starts('aβ')).toEqual([true, false]);
    expect(starts(' β')).toEqual([false, true]);
    expect(starts('1β')).toEqual([true, true]);
    expect(starts('β1')).toEqual([true, true]);
    expect(starts('\u0250a')).toEqual([true, false]);
  });
});
