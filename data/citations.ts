import type { Category, MatchEntity } from './types';

/** Statute sections in the dataset, by U.S. Code title and section and by INA section. */
export interface CitationTable {
  usc: Map<string, { id: string; category: Category }>;
  ina: Map<string, { id: string; category: Category; section: string }>;
}

/** A citation found in text. `detail` is the U.S. Code section with subsections, e.g. "§ 1325(a)(1)". */
export interface CitationMention {
  start: number;
  end: number;
  entity: string;
  category: Category;
  detail: string;
}

/** Builds the lookup tables from the entities' `citation` fields. */
export function buildCitationTable(entities: MatchEntity[]): CitationTable {
  const table: CitationTable = { usc: new Map(), ina: new Map() };
  for (const e of entities) {
    if (!e.citation) continue;
    const ref = { id: e.id, category: e.category };
    table.usc.set(`${e.citation.title}:${e.citation.section.toLowerCase()}`, ref);
    if (e.citation.ina) table.ina.set(e.citation.ina.toUpperCase(), { ...ref, section: e.citation.section });
  }
  return table;
}

const SUB = String.raw`(?:\s?\((?:[a-zA-Z]{1,4}|\d{1,3})\))*`;
const SEC = String.raw`(\d{1,5}[a-zA-Z]?)`;
const SIGN = String.raw`(?:§§?|sec(?:tion|s)?\.?|sections)`;
const CODE = String.raw`(?:U\.?\s?S\.?\s?C\.?(?:\s?A\.?)?|U\.\s?S\.\s?Code|United\s+States\s+Code)`;
const THE_CODE = String.raw`(?:\s+of\s+the\s+(?:U\.?\s?S\.?|United\s+States)\s+Code)`;
// Another section of the same title; a number followed by a code name starts a new citation.
const NOT_A_TITLE = String.raw`(?!\d)(?!\s?(?:U\.?\s?S\.?\s?C|U\.\s?S\.\s?Code|United\s+States))`;
const LIST = String.raw`((?:\s*(?:,|and|or|to|through|&|[-–—])\s*(?:§§?\s*)?\d{1,5}[a-zA-Z]?${NOT_A_TITLE}${SUB})*)`;
const LIST_ITEM = new RegExp(
  String.raw`(?:,|and|or|to|through|&|[-–—])\s*(?:§§?\s*)?(\d{1,5}[a-zA-Z]?)${NOT_A_TITLE}(${SUB})`,
  'gi',
);

// "8 U.S.C. § 1325(a)(1)", "8 USC 1325", "8 U.S.C.A. §1325", "8 U.S.C. §§ 1325–1326"
const USC_FORM = new RegExp(String.raw`\b(\d{1,2})\s?${CODE},?\s*${SIGN}?\s*${SEC}(${SUB})${LIST}`, 'gi');
// "Title 8, Section 1325", "Title 8 of the U.S. Code, section 1325"
const TITLE_FIRST = new RegExp(
  String.raw`\btitle\s+(\d{1,2})${THE_CODE}?,?\s+${SIGN}\s*${SEC}(${SUB})`,
  'gi',
);
// "section 1325 of title 8", "§ 1325(a) of Title 8 of the United States Code"
const SECTION_FIRST = new RegExp(
  String.raw`(?:§§?\s*|\bsec(?:tion)?\.?\s+)${SEC}(${SUB})\s+of\s+title\s+(\d{1,2})\b${THE_CODE}?`,
  'gi',
);
// "sección 1325 del título 8", "artículo 1326 del Título 8 del Código de EE.UU."
const SECTION_FIRST_ES = new RegExp(
  String.raw`(?:§§?\s*|\b(?:secci[oó]n|art[ií]culo)\s+)${SEC}(${SUB})\s+del\s+t[ií]tulo\s+(\d{1,2})\b`,
  'gi',
);
// "INA § 275", "INA section 276(a)", "INA 208"
const INA_FIRST = new RegExp(
  String.raw`\bINA,?\s*(?:§§?|[Ss]ec(?:tion)?\.?)?\s*(\d{1,3}[A-Z]?)(${SUB})(?![\d.,]*\s*U\.?S\.?C)`,
  'g',
);
// "section 275 of the Immigration and Nationality Act", "§ 276 of the INA"
const INA_LAST = new RegExp(
  String.raw`(?:§§?\s*|\bsec(?:tion)?\.?\s+|\b(?:secci[oó]n|art[ií]culo)\s+)(\d{1,3}[A-Z]?)(${SUB})\s+(?:of\s+the\s+(?:INA\b|Immigration\s+and\s+Nationality\s+Act)|de\s+la\s+(?:INA\b|Ley\s+de\s+Inmigraci[oó]n\s+y\s+Nacionalidad))`,
  'gi',
);
// "Immigration and Nationality Act § 275", "Immigration and Nationality Act section 276"
const INA_NAMED = new RegExp(
  String.raw`\bImmigration\s+and\s+Nationality\s+Act,?\s*(?:§§?|sec(?:tion)?\.?)\s*(\d{1,3}[A-Z]?)(${SUB})`,
  'gi',
);
// A bare "Section 1325" or "§ 1325": Title 8 only where the page makes that clear.
const BARE = new RegExp(
  String.raw`(?:§§?\s*|\b(?:sec(?:tion)?\.?|secci[oó]n|art[ií]culo)\s+)(\d{4}[a-zA-Z]?)(${SUB})${LIST}`,
  'gi',
);
// What follows a bare section and names another code: "section 1325 of the vehicle code".
const OTHER_CODE_AFTER =
  /^\s*(?:of|del|de)\s+(?!t[ií]tulo\s+8\b|title\s+8\b|the\s+(?:INA|Immigration)|la\s+(?:INA|Ley\s+de\s+Inmigraci))/i;

function clean(sub: string): string {
  return sub.replace(/\s+/g, '');
}

/**
 * Finds statute citations by grammar rather than by listed strings. Sections the dataset does
 * not hold, and other titles, are recognised too so that "18 U.S.C. § 1325" never reads as
 * Title 8; they just produce no mention. `title8Near` says whether a bare section number at
 * [start, end) can be taken as Title 8.
 */
export function findCitations(
  text: string,
  table: CitationTable,
  title8Near: (start: number, end: number) => boolean,
): CitationMention[] {
  const found: CitationMention[] = [];
  const taken: [number, number][] = [];
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);
  const usc = (title: string, section: string, start: number, end: number, sub: string) => {
    taken.push([start, end]);
    const ref = table.usc.get(`${Number(title)}:${section.toLowerCase()}`);
    if (ref)
      found.push({ start, end, entity: ref.id, category: ref.category, detail: `§ ${section}${clean(sub)}` });
  };
  const list = (title: string, listText: string, listStart: number) => {
    for (const m of listText.matchAll(LIST_ITEM)) {
      const numStart =
        listStart + (m.index ?? 0) + (m[0].length - (m[1] as string).length - (m[2] as string).length);
      usc(title, m[1] as string, numStart, listStart + (m.index ?? 0) + m[0].length, m[2] as string);
    }
  };

  for (const m of text.matchAll(USC_FORM)) {
    const start = m.index ?? 0;
    const firstEnd = start + m[0].length - (m[4] as string).length;
    usc(m[1] as string, m[2] as string, start, firstEnd, m[3] as string);
    list(m[1] as string, m[4] as string, firstEnd);
  }
  for (const m of text.matchAll(TITLE_FIRST)) {
    const start = m.index ?? 0;
    if (!overlaps(start, start + m[0].length))
      usc(m[1] as string, m[2] as string, start, start + m[0].length, m[3] as string);
  }
  for (const re of [SECTION_FIRST, SECTION_FIRST_ES])
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      if (!overlaps(start, start + m[0].length))
        usc(m[3] as string, m[1] as string, start, start + m[0].length, m[2] as string);
    }
  for (const re of [INA_FIRST, INA_LAST, INA_NAMED])
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (overlaps(start, end)) continue;
      taken.push([start, end]);
      const ref = table.ina.get((m[1] as string).toUpperCase());
      if (ref)
        found.push({
          start,
          end,
          entity: ref.id,
          category: ref.category,
          detail: `§ ${ref.section}${clean(m[2] as string)}`,
        });
    }
  for (const m of text.matchAll(BARE)) {
    const start = m.index ?? 0;
    const listText = m[3] as string;
    const firstEnd = start + m[0].length - listText.length;
    const end = start + m[0].length;
    if (overlaps(start, end) || OTHER_CODE_AFTER.test(text.slice(end, end + 40))) continue;
    if (!table.usc.has(`8:${(m[1] as string).toLowerCase()}`) || !title8Near(start, end)) continue;
    usc('8', m[1] as string, start, firstEnd, m[2] as string);
    list('8', listText, firstEnd);
  }
  return found.sort((a, b) => a.start - b.start);
}
