import { describe, expect, test } from 'vitest';
import { buildCitationTable, type CitationMention, findCitations } from '../../data/citations';
import type { MatchEntity } from '../../data/types';

/**
 * The citation grammar on its own, with exact offsets: the matcher's tests reach it only through
 * whole mentions, so a wrong offset inside a list or a lost overlap check could pass there.
 */

const statute = (id: string, section: string, ina?: string): MatchEntity => ({
  id,
  category: 'statute',
  scope: 'core',
  name: id,
  aliases: [],
  citation: { title: 8, section, ...(ina ? { ina } : {}) },
});

// Built inside each test, not while the file loads: mutation testing credits a test only with the
// code that runs inside it.
const table = () =>
  buildCitationTable([
    statute('usc-1325', '1325', '275'),
    statute('usc-1326', '1326', '276'),
    // A section with a letter in both codes: 8 U.S.C. § 1229b is INA § 240A.
    statute('usc-1229b', '1229b', '240A'),
  ]);
const title8 = () => true;
const notTitle8 = () => false;

/** Each mention as [the text it covers, entity, detail], in the order returned. */
function found(text: string, near: (s: number, e: number) => boolean = title8) {
  return findCitations(text, table(), near).map((m: CitationMention) => [
    text.slice(m.start, m.end),
    m.entity,
    m.detail,
  ]);
}

describe('buildCitationTable', () => {
  test('keys U.S. Code sections in lower case and INA sections in upper case', () => {
    const t = table();
    expect([...t.usc.keys()]).toEqual(['8:1325', '8:1326', '8:1229b']);
    expect([...t.ina.keys()]).toEqual(['275', '276', '240A']);
    expect(t.ina.get('276')).toEqual({ id: 'usc-1326', category: 'statute', section: '1326' });
  });

  test('an entity without a citation adds nothing', () => {
    const t = buildCitationTable([{ ...statute('x', '1'), citation: undefined }]);
    expect(t.usc.size + t.ina.size).toBe(0);
  });
});

describe('findCitations: U.S. Code forms', () => {
  test('one section with subsections: the whole citation, and the subsections without spaces', () => {
    expect(found('charged under 8 U.S.C. § 1325 (a) (1) last week')).toEqual([
      ['8 U.S.C. § 1325 (a) (1)', 'usc-1325', '§ 1325(a)(1)'],
    ]);
  });

  test('a list: the first citation, then each listed section by its own number', () => {
    expect(found('See 8 U.S.C. §§ 1325(a) and 1326(b)(2).')).toEqual([
      ['8 U.S.C. §§ 1325(a)', 'usc-1325', '§ 1325(a)'],
      ['1326(b)(2)', 'usc-1326', '§ 1326(b)(2)'],
    ]);
  });

  test('a section with a letter is found whatever its case', () => {
    expect(found('under 8 USC 1229B, and 8 U.S.C. § 1229b(b)(1)')).toEqual([
      ['8 USC 1229B', 'usc-1229b', '§ 1229B'],
      ['8 U.S.C. § 1229b(b)(1)', 'usc-1229b', '§ 1229b(b)(1)'],
    ]);
  });

  test('"Title 8, Section 1325" is one mention, not also a bare "Section 1325"', () => {
    expect(found('Title 8, Section 1325 of the code')).toEqual([
      ['Title 8, Section 1325', 'usc-1325', '§ 1325'],
    ]);
  });

  test('"section 1326 of title 8" and the Spanish form are one mention each', () => {
    expect(found('la sección 1326 del título 8; and section 1325(a) of title 8')).toEqual([
      ['sección 1326 del título 8', 'usc-1326', '§ 1326'],
      ['section 1325(a) of title 8', 'usc-1325', '§ 1325(a)'],
    ]);
  });

  test('two separate citations of different forms are both found', () => {
    expect(found('8 U.S.C. § 1326 applies; so does Title 8, Section 1325.')).toEqual([
      ['8 U.S.C. § 1326', 'usc-1326', '§ 1326'],
      ['Title 8, Section 1325', 'usc-1325', '§ 1325'],
    ]);
  });

  test('"§ 1325 of title 8" after a U.S. Code citation of the same words is one mention', () => {
    expect(found('8 U.S.C. § 1325 of title 8')).toEqual([['8 U.S.C. § 1325', 'usc-1325', '§ 1325']]);
  });

  test('another title is recognised and yields nothing', () => {
    expect(found('18 U.S.C. § 1325 is not the immigration statute')).toEqual([]);
  });
});

describe('findCitations: INA forms', () => {
  test('INA sections map to the U.S. Code, at their own offsets', () => {
    expect(found('He cited INA § 276(a), then section 240a of the INA.')).toEqual([
      ['INA § 276(a)', 'usc-1326', '§ 1326(a)'],
      ['section 240a of the INA', 'usc-1229b', '§ 1229b'],
    ]);
  });

  test('an INA section the dataset does not hold yields nothing', () => {
    expect(found('INA § 999 and section 998 of the INA')).toEqual([]);
  });

  test('two INA forms over the same words give one mention', () => {
    expect(found('Immigration and Nationality Act § 275 of the INA')).toEqual([
      ['§ 275 of the INA', 'usc-1325', '§ 1325'],
    ]);
  });

  test('a citation that ends where the next begins does not hide it', () => {
    expect(found('INA 276§ 1325')).toEqual([
      ['INA 276', 'usc-1326', '§ 1326'],
      ['§ 1325', 'usc-1325', '§ 1325'],
    ]);
  });

  test('an INA citation that ends where a U.S. Code citation begins is kept', () => {
    expect(found('Immigration and Nationality Act § 276(a)8 U.S.C. § 1326')).toEqual([
      ['Immigration and Nationality Act § 276(a)', 'usc-1326', '§ 1326(a)'],
      ['8 U.S.C. § 1326', 'usc-1326', '§ 1326'],
    ]);
  });

  test('mentions come back in text order, whichever form found them', () => {
    expect(found('INA § 275 first, 8 U.S.C. § 1326 second').map(([t]) => t)).toEqual([
      'INA § 275',
      '8 U.S.C. § 1326',
    ]);
  });
});

describe('findCitations: bare sections', () => {
  test('a bare list is read where the page makes Title 8 clear', () => {
    expect(found('§§ 1325 and 1326')).toEqual([
      ['§§ 1325', 'usc-1325', '§ 1325'],
      ['1326', 'usc-1326', '§ 1326'],
    ]);
  });

  test('the same words are left alone where Title 8 is not clear', () => {
    expect(found('§§ 1325 and 1326', notTitle8)).toEqual([]);
  });

  test('a bare section asks about its own span', () => {
    const asked: [number, number][] = [];
    found('Read section 1325 now.', (s, e) => {
      asked.push([s, e]);
      return true;
    });
    expect(asked).toEqual([[5, 17]]);
  });

  test('a section of another code named after it is left alone', () => {
    expect(found('section 1325 of the vehicle code')).toEqual([]);
    expect(found('section 1325 of title 8')).toEqual([['section 1325 of title 8', 'usc-1325', '§ 1325']]);
  });

  test('a bare section with a letter is found whatever its case', () => {
    expect(found('Section 1229B')).toEqual([['Section 1229B', 'usc-1229b', '§ 1229B']]);
  });
});
