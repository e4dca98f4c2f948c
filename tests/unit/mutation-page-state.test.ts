import { describe, expect, test } from 'vitest';
import { createPageState, ON_TOPIC, PageState, topicWords } from '../../data/match/page-state';

/** What the matcher remembers about a page between blocks, at its thresholds. */

describe('the page language and date', () => {
  test('default to unknown and none', () => {
    const s = createPageState();
    expect(s.lang).toBe('unknown');
    expect(s.date).toBeNull();
  });

  test('are read once, on first use, when given as functions', () => {
    let langReads = 0;
    let dateReads = 0;
    const s = new PageState(
      () => {
        langReads++;
        return 'es';
      },
      () => {
        dateReads++;
        return '2018-06-20';
      },
    );
    expect([langReads, dateReads]).toEqual([0, 0]);
    expect([s.lang, s.lang, s.date, s.date]).toEqual(['es', 'es', '2018-06-20', '2018-06-20']);
    expect([langReads, dateReads]).toEqual([1, 1]);
  });
});

describe('blocks and unambiguous mentions', () => {
  test('blocks are numbered from 0', () => {
    const s = createPageState();
    expect([s.nextBlock(), s.nextBlock(), s.nextBlock()]).toEqual([0, 1, 2]);
  });

  test('a strong mention helps its own block and the next one only', () => {
    const s = createPageState();
    expect(s.nearStrong(0)).toBe(false);
    s.strongIn(3);
    expect([s.nearStrong(3), s.nearStrong(4), s.nearStrong(5)]).toEqual([true, true, false]);
    s.strongIn(0);
    expect([s.nearStrong(0), s.nearStrong(1), s.nearStrong(2)]).toEqual([true, true, false]);
  });
});

describe('introductions and Title 8', () => {
  test('an entity is introduced once named, and forgotten only when its text goes', () => {
    const s = createPageState();
    expect(s.isIntroduced('a')).toBe(false);
    s.introduce('a');
    s.introduce('b');
    s.introduce('c');
    s.keepIntroduced(['b', 'x']);
    expect(['a', 'b', 'c', 'x'].map((id) => s.isIntroduced(id))).toEqual([false, true, false, false]);
  });

  test('a Title 8 citation is remembered', () => {
    const s = createPageState();
    expect(s.title8).toBe(false);
    s.sawTitle8();
    expect(s.title8).toBe(true);
  });
});

describe('whether the page is about the story', () => {
  test(`${ON_TOPIC.coreEntities} different core entities, in one block or across blocks`, () => {
    const one = createPageState();
    one.noteEvidence(0, ['a', 'a']);
    expect(one.onTopic).toBe(false);
    one.noteEvidence(0, ['a']);
    expect(one.onTopic).toBe(false);
    one.noteEvidence(0, ['b']);
    expect(one.onTopic).toBe(true);
    const both = createPageState();
    both.noteEvidence(0, ['a', 'b']);
    expect(both.onTopic).toBe(true);
  });

  test(`one core entity and ${ON_TOPIC.topicWords} topic words, counted across blocks`, () => {
    const s = createPageState();
    s.noteEvidence(2, ['a']);
    expect(s.onTopic).toBe(false);
    s.noteEvidence(1, []);
    expect(s.onTopic).toBe(true);
    const words = createPageState();
    words.noteEvidence(10, []);
    expect(words.onTopic).toBe(false);
    words.noteEvidence(0, ['a']);
    expect(words.onTopic).toBe(true);
  });

  test('once about the story, it stays so', () => {
    const s = createPageState();
    s.noteEvidence(0, ['a', 'b']);
    s.noteEvidence(0, []);
    expect(s.onTopic).toBe(true);
  });
});

describe('topic words', () => {
  test('word prefixes in both languages, any case', () => {
    expect(topicWords('')).toBe(0);
    expect(topicWords('Nothing here about the weather.')).toBe(0);
    expect(topicWords('IMMIGRATION immigrants Emigrated migrant')).toBe(4);
    expect(topicWords('asylum asilo deported borders fronteras refugees refugiados')).toBe(7);
    expect(topicWords('detention detención undocumented indocumentados separated separación caravans')).toBe(
      7,
    );
    expect(topicWords('zero tolerance, zero-tolerance, tolerancia cero, port of entry, ports of entry')).toBe(
      5,
    );
  });

  test('only at the start of a word', () => {
    expect(topicWords('transmigration paraborder unseparated')).toBe(0);
  });
});
