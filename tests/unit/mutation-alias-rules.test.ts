import { describe, expect, test } from 'vitest';
import {
  acceptsAt,
  CONTEXT_WINDOW,
  compileRules,
  hasContext,
  NEIGHBOUR_WINDOW,
  partOfAnotherName,
  precededByTitle,
} from '../../data/match/alias-rules';
import { createPageState, type PageLang } from '../../data/match/page-state';
import type { AliasRule } from '../../data/types';

/** Each alias rule at its edges: the vetoes, the windows, the dates and the word boundaries. */

/** Whether `rule` accepts its own text where it first occurs in `text`. */
function accepts(
  rule: AliasRule,
  text: string,
  lang: PageLang = 'unknown',
  date: string | null = null,
): boolean {
  const start = text.indexOf(rule.text);
  if (start < 0) throw new Error(`${rule.text} not in ${text}`);
  return acceptsAt(
    compileRules(rule),
    rule.lang,
    text,
    start,
    start + rule.text.length,
    createPageState(lang, date),
  );
}

describe('compiled rules', () => {
  test('rule words and case keys are folded once', () => {
    const r = compileRules({
      text: 'Peña',
      caseSensitive: true,
      context: ['Inmigración'],
      notPrecededBy: ['Señor'],
      notFollowedBy: ['  Nieto-Family '],
    });
    expect(r.caseKey).toBe('Pena');
    expect(r.context).toEqual(['inmigracion']);
    expect(r.notPrecededBy).toEqual(['senor']);
    expect(r.notFollowedBy).toEqual(['nieto family']);
    expect([r.topic, r.coref, r.surname, r.during]).toEqual([false, false, false, null]);
  });

  test('no rule: nothing to check', () => {
    const r = compileRules({ text: 'ICE' });
    expect(r).toEqual({
      caseKey: null,
      context: null,
      topic: false,
      notPrecededBy: null,
      notFollowedBy: null,
      coref: false,
      surname: false,
      endsWord: true,
      during: null,
    });
  });

  test('a coreference surname is a surname; a plain surname is not a coreference', () => {
    expect(compileRules({ text: 'Sessions', requires: 'coreference' })).toMatchObject({
      coref: true,
      surname: true,
    });
    expect(compileRules({ text: 'Trump', surname: true })).toMatchObject({ coref: false, surname: true });
    expect(compileRules({ text: 'caravan', context: ['migra'], topic: true }).topic).toBe(true);
    expect(compileRules({ text: 'x', during: ['2018-01-01', '2018-12-31'] }).during).toEqual([
      '2018-01-01',
      '2018-12-31',
    ]);
  });

  test('an alias ending in punctuation does not need a word boundary after it', () => {
    expect(compileRules({ text: 'U.S.' }).endsWord).toBe(false);
    expect(compileRules({ text: 'ICE ' }).endsWord).toBe(true);
    expect(accepts({ text: 'U.S.' }, 'the U.S.Border')).toBe(true);
    expect(accepts({ text: 'ICE' }, 'ICEland')).toBe(false);
  });
});

describe('word boundaries', () => {
  test('a hit inside a word is not a mention, at either end', () => {
    expect(accepts({ text: 'ICE' }, 'ICE agents')).toBe(true);
    expect(accepts({ text: 'ICE' }, 'DICE')).toBe(false);
    expect(accepts({ text: 'ICE' }, '2ICE')).toBe(false);
    expect(accepts({ text: 'ICE' }, 'ICE2')).toBe(false);
    expect(accepts({ text: 'ICE' }, 'ICE')).toBe(true);
    expect(accepts({ text: 'ICE' }, '(ICE)')).toBe(true);
  });
});

describe('language', () => {
  test("an alias in one language matches on that language's pages and on pages of unknown language", () => {
    const es = { text: 'la frontera', lang: 'es' as const };
    expect(accepts(es, 'en la frontera', 'es')).toBe(true);
    expect(accepts(es, 'en la frontera', 'unknown')).toBe(true);
    expect(accepts(es, 'en la frontera', 'en')).toBe(false);
    expect(accepts({ text: 'la frontera' }, 'en la frontera', 'en')).toBe(true);
  });
});

describe('names of an office', () => {
  const office: AliasRule = { text: 'Mexican president', during: ['2012-12-01', '2018-11-29'] };
  const said = 'The Mexican president said no.';

  test('count on pages dated within the term, both ends included', () => {
    expect(accepts(office, said, 'en', '2012-12-01')).toBe(true);
    expect(accepts(office, said, 'en', '2018-11-29')).toBe(true);
    expect(accepts(office, said, 'en', '2012-11-30')).toBe(false);
    expect(accepts(office, said, 'en', '2018-11-30')).toBe(false);
    expect(accepts(office, said, 'en', null)).toBe(false);
  });

  test('not when the words before speak of another holder', () => {
    for (const before of ['a', 'A former', 'the ex-', 'the next', 'the late', 'un', 'otro', 'no'])
      expect(accepts(office, `${before} Mexican president said no.`, 'en', '2018-06-20'), before).toBe(false);
    // Only a whole word: "formerly" and "Ana" are not "former" and "a".
    expect(accepts(office, 'formerly Mexican president said no.', 'en', '2018-06-20')).toBe(true);
    expect(accepts(office, 'Ana Mexican president said no.', 'en', '2018-06-20')).toBe(true);
    // Only right before the office's name.
    expect(accepts(office, 'A former aide said the Mexican president said no.', 'en', '2018-06-20')).toBe(
      true,
    );
  });

  test('not when it is a title before a name', () => {
    expect(accepts(office, 'The Mexican president Peña Nieto said no.', 'en', '2018-06-20')).toBe(false);
    expect(accepts(office, 'The Mexican president, Peña Nieto, said no.', 'en', '2018-06-20')).toBe(false);
    expect(accepts(office, 'The Mexican president, who said no.', 'en', '2018-06-20')).toBe(true);
    expect(accepts(office, 'The Mexican president said no.', 'en', '2018-06-20')).toBe(true);
  });
});

describe('case', () => {
  test('a case-sensitive alias matches its own case only, accents aside', () => {
    const r = { text: 'Peña', caseSensitive: true };
    expect(accepts(r, 'Peña spoke')).toBe(true);
    const t = 'Pena spoke';
    expect(acceptsAt(compileRules(r), undefined, t, 0, 4, createPageState())).toBe(true);
    expect(acceptsAt(compileRules(r), undefined, 'PEÑA spoke', 0, 4, createPageState())).toBe(false);
    expect(acceptsAt(compileRules({ text: 'Peña' }), undefined, 'PEÑA spoke', 0, 4, createPageState())).toBe(
      true,
    );
  });
});

describe('vetoes by the neighbouring words', () => {
  const sessions: AliasRule = {
    text: 'Sessions',
    notPrecededBy: ['Pete', 'Rep.'],
    notFollowedBy: ['ratings', '.com'],
  };

  test('a word right before vetoes, only as a whole word', () => {
    expect(accepts(sessions, 'Pete Sessions spoke')).toBe(false);
    expect(accepts(sessions, 'PETE \n Sessions spoke')).toBe(false);
    expect(accepts(sessions, 'Rep. Sessions spoke')).toBe(false);
    expect(accepts(sessions, 'Repete Sessions spoke')).toBe(true);
    expect(accepts(sessions, 'Pete said Sessions spoke')).toBe(true);
  });

  test('a word right after vetoes, only as a whole word, after a possessive too', () => {
    expect(accepts(sessions, 'the Sessions ratings rose')).toBe(false);
    expect(accepts(sessions, "the Sessions's ratings rose")).toBe(false);
    expect(accepts(sessions, 'the Sessions’ ratings rose')).toBe(false);
    expect(accepts(sessions, 'the Sessions ratings')).toBe(false);
    expect(accepts(sessions, 'the Sessions ratingsboard')).toBe(true);
    expect(accepts(sessions, 'the Sessions rose in ratings')).toBe(true);
  });

  test('a veto word that starts or ends in punctuation needs no word boundary there', () => {
    const jr: AliasRule = { text: 'Sessions', notFollowedBy: ['Jr.'], notPrecededBy: ['#'] };
    expect(accepts(jr, 'Sessions Jr. spoke')).toBe(false);
    expect(accepts(jr, 'Sessions Jr.Smith spoke')).toBe(false);
    expect(accepts(jr, 'Sessions Jrs spoke')).toBe(true);
    expect(accepts(jr, 'see #Sessions')).toBe(false);
    expect(accepts(jr, 'see x#Sessions')).toBe(false);
    expect(accepts(jr, 'see Sessions')).toBe(true);
  });

  test(`vetoes look ${NEIGHBOUR_WINDOW} characters back and forward`, () => {
    const gap = (n: number) => ' '.repeat(n);
    // "Pete" ends the 48 characters before the alias: vetoed; cut to "ete", it is not.
    expect(accepts(sessions, `Pete${gap(NEIGHBOUR_WINDOW - 4)}Sessions spoke`)).toBe(false);
    expect(accepts(sessions, `Pete${gap(NEIGHBOUR_WINDOW - 3)}Sessions spoke`)).toBe(true);
    expect(accepts(sessions, `the Sessions${gap(NEIGHBOUR_WINDOW - 7)}ratings`)).toBe(false);
    expect(accepts(sessions, `the Sessions${gap(NEIGHBOUR_WINDOW - 6)}ratings`)).toBe(true);
  });
});

describe('context words', () => {
  const at = (text: string, alias: string, words: string[]) => {
    const s = text.indexOf(alias);
    return hasContext(text, s, s + alias.length, words);
  };

  test('a word prefix on either side counts, not the middle of a word', () => {
    expect(at('zero tolerance at the borders', 'zero tolerance', ['border'])).toBe(true);
    expect(at('cross-border zero tolerance', 'zero tolerance', ['border'])).toBe(true);
    expect(at('Crossborder zero tolerance', 'zero tolerance', ['border'])).toBe(false);
    expect(at('zero tolerance in schools', 'zero tolerance', ['border', 'immigra'])).toBe(false);
    expect(at('Inmigración: zero tolerance', 'zero tolerance', ['inmigra'])).toBe(true);
  });

  test(`the window is ${CONTEXT_WINDOW} characters either side`, () => {
    const alias = 'ALIAS';
    const fill = (n: number) => 'x'.repeat(n);
    // "border" starting exactly CONTEXT_WINDOW characters before the alias is in; one further is not.
    expect(at(`border${fill(CONTEXT_WINDOW - 6)}${alias}`, alias, ['border'])).toBe(true);
    expect(at(`border ${fill(CONTEXT_WINDOW - 6)}${alias}`, alias, ['border'])).toBe(false);
    // After the alias, the word must end within the window.
    expect(at(`${alias}${fill(CONTEXT_WINDOW - 7)} border`, alias, ['border'])).toBe(true);
    expect(at(`${alias}${fill(CONTEXT_WINDOW - 6)} border`, alias, ['border'])).toBe(false);
  });
});

describe('titles', () => {
  test('a title of the entity right before the hit', () => {
    const titles = ['attorney general', 'sen.'];
    const t = 'Attorney General Sessions';
    expect(precededByTitle(t, t.indexOf('Sessions'), titles)).toBe(true);
    const s = 'Sen. Sessions';
    expect(precededByTitle(s, s.indexOf('Sessions'), titles)).toBe(true);
    const not = 'General Sessions';
    expect(precededByTitle(not, not.indexOf('Sessions'), titles)).toBe(false);
    expect(precededByTitle(t, t.indexOf('Sessions'), [])).toBe(false);
  });
});

describe('a surname that is part of another name', () => {
  const other = (text: string, surname: string) => {
    const s = text.indexOf(surname);
    return partOfAnotherName(text, s, s + surname.length);
  };

  test('a capitalised word before it makes it someone else', () => {
    expect(other('Glenn Miller played.', 'Miller')).toBe(true);
    expect(other('the actor (Leslie Nielsen) starred', 'Nielsen')).toBe(true);
    expect(other('C. S. Lewis wrote.', 'Lewis')).toBe(true);
    expect(other('María Peña spoke.', 'Peña')).toBe(true);
  });

  test('but not a word that opens sentences, a title, or a sentence end', () => {
    expect(other('When Sessions spoke.', 'Sessions')).toBe(false);
    expect(other('Mr. Sessions spoke.', 'Sessions')).toBe(false);
    expect(other('Ayer Sessions habló.', 'Sessions')).toBe(false);
    expect(other('It was Nielsen. Sessions spoke.', 'Sessions')).toBe(false);
    expect(other('the memo Sessions wrote', 'Sessions')).toBe(false);
    expect(other('Sessions spoke.', 'Sessions')).toBe(false);
  });

  test('a capitalised word after it makes it someone else, unless it is a noun of the story', () => {
    expect(other('Lewis Hamilton won.', 'Lewis')).toBe(true);
    expect(other('Trump Tower rose.', 'Trump')).toBe(true);
    expect(other('The Trump Administration said.', 'Trump')).toBe(false);
    expect(other('the Trump Era rules', 'Trump')).toBe(false);
    expect(other('Trump White House', 'Trump')).toBe(false);
    expect(other('Trump ICE raids', 'Trump')).toBe(false);
    expect(other('Trump, Sessions and Nielsen', 'Trump')).toBe(false);
    expect(other('Trump said.', 'Trump')).toBe(false);
  });

  test('a possessive ends the name: what follows is a noun', () => {
    expect(other("Trump's June order", 'Trump')).toBe(false);
    expect(other('Trump’s June order', 'Trump')).toBe(false);
    expect(other('Trump’ June order', 'Trump')).toBe(false);
  });
});
