/**
 * Time context for the card: what an entity was at a given date. Pure and DOM-free; the card turns
 * the result into words with its locale strings, so this module holds no language.
 */
import type { Category, Entity, Fact, Role } from './types';

/** Categories that are people: the card speaks of their roles. */
export const PERSON_CATEGORIES: readonly Category[] = ['official', 'person'];

/** A role as seen from the reference date. */
export interface RoleAt {
  title: string;
  from: string;
  /** End of the role, when it has one. */
  to?: string;
  /** held: held at the date (and `to`, if any, is later); ended: ended on or before the date. */
  status: 'held' | 'ended';
}

/** A dated fact after the reference date, with its index in `entity.facts` (for translations). */
export interface LaterFact {
  index: number;
  date: string;
  text: string;
}

/** Everything the card says about time, as data. */
export interface AsOf {
  /** The page's publication date, or null when the page has none. */
  pageDate: string | null;
  /** The date the rest is computed at: the page date, or today. */
  reference: string;
  /** People: roles held at the reference date; if none, the last role that ended before it. */
  roles: RoleAt[];
  /** People: true when the first known role starts after the reference date. */
  beforeRoles: boolean;
  /** Non-people: days from the entity's first dated fact to the reference date (null if later). */
  ageDays: number | null;
  /** Non-people: the first dated fact's date (the "start"). */
  start: string | null;
  /** Non-people: days until the start when the reference is before it. */
  daysUntilStart: number | null;
  /** Facts dated after the reference (up to `MAX_LATER`), oldest first. */
  later: LaterFact[];
  /** How many facts are dated after the reference in total. */
  laterCount: number;
}

/** How many later facts the card lists. */
export const MAX_LATER = 2;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of an ISO date (UTC), or NaN when it is not one. */
export function dayNumber(iso: string): number {
  const m = ISO.exec(iso);
  if (!m) return Number.NaN;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  if (d.getUTCDate() !== Number(m[3]) || d.getUTCMonth() !== Number(m[2]) - 1) return Number.NaN;
  return Math.round(ms / 86_400_000);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** Today's date as YYYY-MM-DD in UTC. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** True for a well-formed, real calendar date. */
export function isIsoDate(s: unknown): s is string {
  return typeof s === 'string' && Number.isFinite(dayNumber(s));
}

function sourced(entity: Entity, ids: string[]): boolean {
  return ids.some((id) => entity.sources.some((s) => s.id === id));
}

/** The facts the card may show: those with at least one source of the entity, oldest first. */
export function sourcedFacts(entity: Entity): { fact: Fact; index: number }[] {
  return entity.facts
    .map((fact, index) => ({ fact, index }))
    .filter(({ fact }) => isIsoDate(fact.date) && sourced(entity, fact.sources))
    .sort((a, b) => (a.fact.date < b.fact.date ? -1 : a.fact.date > b.fact.date ? 1 : a.index - b.index));
}

function rolesAt(roles: Role[], ref: string): { roles: RoleAt[]; beforeRoles: boolean } {
  const valid = roles.filter((r) => isIsoDate(r.from) && (r.to === undefined || isIsoDate(r.to)));
  const held = valid.filter((r) => r.from <= ref && (r.to === undefined || r.to >= ref));
  if (held.length > 0)
    return {
      roles: held.map((r) => ({
        title: r.title,
        from: r.from,
        ...(r.to ? { to: r.to } : {}),
        status: 'held',
      })),
      beforeRoles: false,
    };
  const ended = valid
    .filter((r) => r.to !== undefined && r.to < ref)
    .sort((a, b) => (a.to! < b.to! ? 1 : -1));
  const last = ended[0];
  return {
    roles: last ? [{ title: last.title, from: last.from, to: last.to!, status: 'ended' }] : [],
    beforeRoles: valid.length > 0 && valid.every((r) => r.from > ref),
  };
}

/**
 * Places an entity in time at `pageDate` (the article's date) or, when that is null, at `today`.
 * Only sourced facts count, so the card never states an unsourced fact.
 */
export function asOf(entity: Entity, pageDate: string | null, today: string = todayIso()): AsOf {
  const date = isIsoDate(pageDate) ? pageDate : null;
  const reference = date ?? today;
  const facts = sourcedFacts(entity);
  const laterAll = facts.filter(({ fact }) => fact.date > reference);
  const later = laterAll
    .slice(0, MAX_LATER)
    .map(({ fact, index }) => ({ index, date: fact.date, text: fact.text }));
  const person = PERSON_CATEGORIES.includes(entity.category);
  const { roles, beforeRoles } = person
    ? rolesAt(entity.roles ?? [], reference)
    : { roles: [], beforeRoles: false };
  const start = person ? null : (facts[0]?.fact.date ?? null);
  const diff = start ? daysBetween(start, reference) : null;
  return {
    pageDate: date,
    reference,
    roles,
    beforeRoles,
    start,
    ageDays: diff !== null && diff >= 0 ? diff : null,
    daysUntilStart: diff !== null && diff < 0 ? -diff : null,
    later,
    laterCount: laterAll.length,
  };
}

/** Age in the largest sensible unit: days under 60, months under 24, then years. */
export function ageUnit(days: number): { unit: 'days' | 'months' | 'years'; value: number } {
  if (days < 60) return { unit: 'days', value: days };
  if (days < 730) return { unit: 'months', value: Math.floor(days / 30.44) };
  return { unit: 'years', value: Math.floor(days / 365.25) };
}

/**
 * Picks 2–4 key facts to show, oldest first: around the reference date when there is one (the last
 * two up to it and the first two after it), otherwise the first and the latest ones.
 */
export function keyFacts(entity: Entity, reference: string | null, max = 4): { fact: Fact; index: number }[] {
  const facts = sourcedFacts(entity);
  if (facts.length <= max) return facts;
  if (reference) {
    const before = facts.filter(({ fact }) => fact.date <= reference);
    const after = facts.filter(({ fact }) => fact.date > reference);
    let nb = Math.min(before.length, max / 2);
    const na = Math.min(after.length, max - nb);
    nb = Math.min(before.length, max - na);
    return [...before.slice(before.length - nb), ...after.slice(0, na)];
  }
  return [facts[0]!, ...facts.slice(facts.length - (max - 1))];
}
