/** An alias's rules, folded once, and the checks that apply them to the text around a hit. */
import { foldString, isWordCode } from '../fold';
import type { AliasRule } from '../types';
import { before, endsWithAny, NEIGHBOUR_WINDOW } from './neighbours';
import type { PageState } from './page-state';

export { NEIGHBOUR_WINDOW, precededByTitle } from './neighbours';

/** How many characters either side of a mention the `context` rule looks at. */
export const CONTEXT_WINDOW = 250;

/** An alias's rules in the form the checks use. */
export interface CompiledRules {
  caseKey: string | null;
  context: string[] | null;
  /** The page being about the story also meets `context`. */
  topic: boolean;
  notPrecededBy: string[] | null;
  notFollowedBy: string[] | null;
  coref: boolean;
  /** A bare surname: vetoed when it stands next to another capitalised name word. */
  surname: boolean;
  endsWord: boolean;
  during: readonly [string, string] | null;
}

/** Folds an alias's rule words once. */
export function compileRules(rule: AliasRule): CompiledRules {
  const text = rule.text.trim();
  return {
    caseKey: rule.caseSensitive ? foldString(rule.text, true) : null,
    context: rule.context?.map((w) => foldString(w)) ?? null,
    topic: rule.topic === true,
    notPrecededBy: rule.notPrecededBy?.map((w) => foldString(w)) ?? null,
    notFollowedBy: rule.notFollowedBy?.map((w) => foldString(w)) ?? null,
    coref: rule.requires === 'coreference',
    surname: rule.requires === 'coreference' || rule.surname === true,
    endsWord: isWordCode(text.charCodeAt(text.length - 1)),
    during: rule.during ?? null,
  };
}

/** Rules that depend only on the text around the hit and the page (not on earlier mentions). */
export function acceptsAt(
  r: CompiledRules,
  lang: AliasRule['lang'],
  text: string,
  start: number,
  end: number,
  state: PageState,
): boolean {
  if (start > 0 && isWordCode(text.charCodeAt(start - 1))) return false;
  if (r.endsWord && end < text.length && isWordCode(text.charCodeAt(end))) return false;
  if (lang && state.lang !== 'unknown' && lang !== state.lang) return false;
  if (r.during) {
    if (!(state.date && state.date >= r.during[0] && state.date <= r.during[1])) return false;
    if (!namesTheHolder(text, start, end)) return false;
  }
  if (r.caseKey && foldString(text.slice(start, end), true) !== r.caseKey) return false;
  if (r.notPrecededBy && endsWithAny(before(text, start), r.notPrecededBy)) return false;
  if (r.notFollowedBy && startsWithAny(after(text, end), r.notFollowedBy)) return false;
  return true;
}

/** Words before an office's name that make it someone other than its holder at the page's date. */
const NOT_THE_HOLDER =
  /(?:^|[^\p{L}])(?:former|ex|late|future|next|previous|past|another|a|an|any|every|each|no|un|una|otro|otra|futuro|próximo|proximo|expresidente|antiguo|anterior)[\s-]+$/iu;
/** A name right after an office's name: the name is the mention ("Mexican President Enrique Peña Nieto"). */
const NAME_FOLLOWS = /^,?\s+\p{Lu}/u;

/**
 * An office's name ("the Mexican president") refers to whoever held it at the page's date,
 * unless it is a title before a name, or speaks of another holder ("a former Mexican president").
 */
function namesTheHolder(text: string, start: number, end: number): boolean {
  return (
    !NOT_THE_HOLDER.test(text.slice(Math.max(0, start - 24), start)) &&
    !NAME_FOLLOWS.test(text.slice(end, end + 4))
  );
}

/** True when one of `words` (folded, prefix match) stands within CONTEXT_WINDOW of the hit. */
export function hasContext(text: string, start: number, end: number, words: readonly string[]): boolean {
  const left = foldString(text.slice(Math.max(0, start - CONTEXT_WINDOW), start));
  const right = foldString(text.slice(end, end + CONTEXT_WINDOW));
  return words.some((w) => containsWordPrefix(left, w) || containsWordPrefix(right, w));
}

/** Capitalised words that often start a sentence before a surname ("When Sessions spoke"). */
const SENTENCE_WORDS = new Set(
  (
    'a an and as at after before both but by during even for from however if in like meanwhile now of on ' +
    'once only since so still that the then though to today under unlike until when where while with yet ' +
    'yesterday later earlier also asked said mr mrs ms dr sr sra srta sen rep gov judge president ' +
    'y pero cuando como segun según tras desde para por con sin el la los las un una ayer hoy ademas además'
  ).split(' '),
);
const CAPITALISED_BEFORE = /(?:^|[\s(“"'‘])([\p{Lu}][\p{L}\p{M}'’.-]*)\s+$/u;
const CAPITALISED_AFTER = /^(?:'s|’s)?\s+([\p{Lu}][\p{L}\p{M}'’-]*)/u;
const NOT_A_NAME_AFTER = new Set([
  'Administration',
  'Administración',
  'Era',
  'Justice',
  'White',
  'Jr',
  'Jr.',
]);

/**
 * A bare surname that stands next to another capitalised name word belongs to someone else:
 * "Glenn Miller", "Sergio Ramos", "C. S. Lewis", "Lewis Hamilton", "Lloyd Austin".
 * Sentence-opening words and titles do not count ("When Sessions spoke", "Mr. Sessions").
 */
export function partOfAnotherName(text: string, start: number, end: number): boolean {
  const prev = CAPITALISED_BEFORE.exec(text.slice(Math.max(0, start - 40), start))?.[1];
  // "Nielsen." ends a sentence; "S." is an initial.
  const endsSentence = !!prev && prev.endsWith('.') && prev.length > 2;
  if (prev && !endsSentence && !SENTENCE_WORDS.has(foldString(prev).replace(/\.$/, ''))) return true;
  const after = text.slice(end, end + 40);
  if (/^['’]s?\b/.test(after)) return false; // a possessive: what follows is a noun ("Trump's June order")
  const next = CAPITALISED_AFTER.exec(after)?.[1];
  return !!next && !NOT_A_NAME_AFTER.has(next) && !/^[\p{Lu}]{2,}$/u.test(next);
}

function after(text: string, end: number): string {
  // A possessive belongs to the name: "Nielsen's ratings" is still about ratings.
  return foldString(text.slice(end, end + NEIGHBOUR_WINDOW))
    .replace(/^'s?(?= |$)/, '')
    .trimStart();
}

function startsWithAny(folded: string, words: readonly string[]): boolean {
  return words.some((w) => {
    if (!folded.startsWith(w)) return false;
    const c = folded.charCodeAt(w.length);
    return Number.isNaN(c) || !isWordCode(c) || !isWordCode(w.charCodeAt(w.length - 1));
  });
}

function containsWordPrefix(folded: string, word: string): boolean {
  let i = folded.indexOf(word);
  while (i >= 0) {
    if (i === 0 || !isWordCode(folded.charCodeAt(i - 1))) return true;
    i = folded.indexOf(word, i + 1);
  }
  return false;
}
