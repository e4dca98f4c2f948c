import { describe, expect, test } from 'vitest';
import { compileFirstLook, firstLookSource } from '../../data/first-look';
import { Matcher } from '../../data/matcher';
import type { MatchEntity } from '../../data/types';

const ENTITIES: MatchEntity[] = [
  { id: 'two-words', category: 'event', scope: 'core', name: 'Ab Cd', aliases: [{ text: 'ab cd' }] },
  { id: 'accented', category: 'event', scope: 'core', name: 'Éxo', aliases: [{ text: 'Éxo' }] },
  { id: 'quoted', category: 'event', scope: 'core', name: "O'Qu", aliases: [{ text: 'o’qu' }] },
  { id: 'digits', category: 'statute', scope: 'core', name: '1325', aliases: [{ text: '1325 rule' }] },
];
const native = new Matcher(ENTITIES, { firstLook: 'native' });
const reference = new Matcher(ENTITIES, { firstLook: 'js' });

describe('native first look', () => {
  test('agrees with the JavaScript loop for every UTF-16 code, before, inside and between words', () => {
    // Every code goes through the places where folding, skipping, separators and word starts
    // matter; one disagreement names the code.
    const templates = (ch: string) => [
      `${ch}ab cd`,
      `a${ch}b cd`,
      `ab${ch}cd`,
      `ab c${ch}`,
      `ab \u00ad\n c${ch}`,
      `ab ${ch} cd`,
      `x${ch}Éxo`,
      `${ch}xo`,
      `o${ch}qu`,
      `z${ch}1325 rule`,
      `1325${ch}rule`,
    ];
    const bad: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const t of templates(ch))
        if (JSON.stringify(native.candidates(t)) !== JSON.stringify(reference.candidates(t)))
          bad.push(`U+${c.toString(16).padStart(4, '0')} in ${JSON.stringify(t)}`);
      if (bad.length > 20) break;
    }
    expect(bad).toEqual([]);
  });

  test('a slice finds the starts that reach past its end, across long separator runs and skipped marks', () => {
    // The expressions read only a little past `to`; a prefix may straddle it with a run of any
    // length ("ab" + 40 separators + "cd"), soft hyphens, or a trigger just after it.
    const text = [
      'lead ab',
      ' \t\u00a0 -'.repeat(10),
      'cd and ab',
      '\u00ad'.repeat(30),
      ' cd; xÉxo; o’qu; 1325',
      '  \n '.repeat(12),
      'rule end',
    ].join('');
    const whole = reference.candidates(text);
    expect(whole.length).toBeGreaterThan(4);
    for (let to = 0; to <= text.length; to++) {
      const starts = [...(native.firstLook(text, 0, to) ?? []), ...(native.firstLook(text, to) ?? [])];
      const got = [
        ...native.candidates(text, Number.POSITIVE_INFINITY, 0, to, starts),
        ...native.candidates(text, Number.POSITIVE_INFINITY, to, text.length, starts),
      ];
      if (JSON.stringify(got) !== JSON.stringify(whole)) expect({ to, got }).toEqual({ to, got: whole });
    }
  });

  test('a prefix that extends a shorter one adds nothing to the expression', () => {
    expect(firstLookSource(['ice', 'ice a', 'icelandic']).main).toBe(firstLookSource(['ice']).main);
  });

  test('no ASCII prefix gives no main expression, and its characters become triggers', () => {
    expect(firstLookSource([]).main).toBeNull();
    const look = compileFirstLook(firstLookSource(['ßx']));
    expect(look.main).toBeNull();
    expect(look.triggers.test('ß')).toBe(true);
  });
});
