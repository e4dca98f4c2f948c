import { type Alias, CATEGORIES, type Entity, OPEN_END, SCOPES } from './types';

/** A problem in one entity file, named by file and field so an author can go straight to it. */
export interface DatasetError {
  file: string;
  field: string;
  message: string;
}

/** Formats an error the way the build and the tests print it. */
export function formatError(e: DatasetError): string {
  return `${e.file}: ${e.field}: ${e.message}`;
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const ALIAS_KEYS = new Set([
  'text',
  'caseSensitive',
  'lang',
  'requires',
  'surname',
  'during',
  'context',
  'topic',
  'notPrecededBy',
  'notFollowedBy',
]);
const FACT_KEYS = new Set(['text', 'date', 'sources', 'announcement']);
const ENTITY_KEYS = new Set([
  'id',
  'category',
  'name',
  'aliases',
  'titles',
  'citation',
  'summary',
  'roles',
  'facts',
  'sources',
  'related',
  'es',
  'scope',
  'updated',
]);

/** True for a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every(isNonEmptyString);
}

/** The text of an alias, whatever its form. */
export function aliasText(alias: Alias): string {
  return typeof alias === 'string' ? alias : alias.text;
}

/** Checks one alias, plain or with rules, reporting problems under the field name `f`. */
function checkAlias(a: unknown, f: string, err: (field: string, message: string) => void): void {
  if (typeof a === 'string') {
    if (!a.trim()) err(f, 'must not be empty');
    return;
  }
  if (!isRecord(a)) {
    err(f, 'must be a string or an object with "text"');
    return;
  }
  for (const key of Object.keys(a)) if (!ALIAS_KEYS.has(key)) err(`${f}.${key}`, 'unknown rule');
  if (!isNonEmptyString(a.text)) err(`${f}.text`, 'must be a non-empty string');
  for (const k of ['caseSensitive', 'surname', 'topic'] as const)
    if (a[k] !== undefined && typeof a[k] !== 'boolean') err(`${f}.${k}`, 'must be true or false');
  if (a.lang !== undefined && a.lang !== 'en' && a.lang !== 'es') err(`${f}.lang`, 'must be "en" or "es"');
  if (a.requires !== undefined && a.requires !== 'coreference') err(`${f}.requires`, 'must be "coreference"');
  if (
    a.during !== undefined &&
    !(
      Array.isArray(a.during) &&
      a.during.length === 2 &&
      isIsoDate(a.during[0]) &&
      isIsoDate(a.during[1]) &&
      a.during[0] <= a.during[1]
    )
  )
    err(`${f}.during`, 'must be [from, to]: two ISO dates, from not after to');
  for (const k of ['context', 'notPrecededBy', 'notFollowedBy'] as const)
    if (a[k] !== undefined && (!isStringList(a[k]) || (a[k] as string[]).length === 0))
      err(`${f}.${k}`, 'must be a non-empty list of strings');
  if (a.topic !== undefined && a.context === undefined) err(`${f}.topic`, 'needs a "context" rule to relax');
}

/**
 * Checks one parsed entity file on its own. Returns every problem found; never throws.
 * Cross-file rules (unique ids, related ids, alias collisions, one date per URL) live in `validateDataset`.
 */
export function validateEntity(raw: unknown, file: string): DatasetError[] {
  const errors: DatasetError[] = [];
  const err = (field: string, message: string) => errors.push({ file, field, message });
  if (!isRecord(raw)) {
    err('(root)', 'must be a JSON object');
    return errors;
  }
  for (const key of Object.keys(raw)) if (!ENTITY_KEYS.has(key)) err(key, 'unknown field');

  const expectedId = file.replace(/^.*\//, '').replace(/\.json$/, '');
  if (!isNonEmptyString(raw.id) || !ID.test(raw.id)) err('id', 'must be kebab-case');
  else if (raw.id !== expectedId) err('id', `must equal the file name "${expectedId}"`);
  if (!CATEGORIES.includes(raw.category as never)) err('category', `must be one of ${CATEGORIES.join(', ')}`);
  if (!SCOPES.includes(raw.scope as never)) err('scope', `must be one of ${SCOPES.join(', ')}`);
  if (!isNonEmptyString(raw.name)) err('name', 'must be a non-empty string');
  if (!isNonEmptyString(raw.summary)) err('summary', 'must be a non-empty string');
  else if (raw.summary.length > 400) err('summary', 'must be at most 400 characters');
  if (!isIsoDate(raw.updated)) err('updated', 'must be an ISO date (YYYY-MM-DD)');
  if (raw.titles !== undefined && !isStringList(raw.titles)) err('titles', 'must be a list of strings');

  // Aliases
  if (!Array.isArray(raw.aliases) || raw.aliases.length === 0) err('aliases', 'must be a non-empty list');
  else
    raw.aliases.forEach((a: unknown, i) => {
      checkAlias(a, `aliases[${i}]`, err);
    });

  // Sources
  const sourceIds = new Set<string>();
  const sourceDates = new Map<string, unknown>();
  if (!Array.isArray(raw.sources) || raw.sources.length === 0) err('sources', 'must be a non-empty list');
  else
    raw.sources.forEach((s: unknown, i) => {
      const f = `sources[${i}]`;
      if (!isRecord(s)) {
        err(f, 'must be an object');
        return;
      }
      if (!isNonEmptyString(s.id) || !ID.test(s.id)) err(`${f}.id`, 'must be kebab-case');
      else if (sourceIds.has(s.id)) err(`${f}.id`, `duplicate source id "${s.id}"`);
      else {
        sourceIds.add(s.id);
        sourceDates.set(s.id, s.date);
      }
      if (!isNonEmptyString(s.title)) err(`${f}.title`, 'must be a non-empty string');
      if (!isNonEmptyString(s.publisher)) err(`${f}.publisher`, 'must be a non-empty string');
      if (!isIsoDate(s.date)) err(`${f}.date`, 'must be an ISO date (YYYY-MM-DD)');
      if (typeof s.url !== 'string' || !/^https:\/\/[^\s/]+\.[^\s]+$/.test(s.url))
        err(`${f}.url`, 'must be an https URL');
      if (s.kind !== 'primary' && s.kind !== 'secondary')
        err(`${f}.kind`, 'must be "primary" or "secondary"');
    });

  const checkCites = (f: string, v: unknown) => {
    if (!isStringList(v) || v.length === 0) {
      err(f, 'must cite at least one source id');
      return;
    }
    for (const id of v) if (!sourceIds.has(id)) err(f, `cites unknown source "${id}"`);
  };

  // Facts
  if (!Array.isArray(raw.facts) || raw.facts.length === 0) err('facts', 'must be a non-empty list');
  else
    raw.facts.forEach((x: unknown, i) => {
      const f = `facts[${i}]`;
      if (!isRecord(x)) {
        err(f, 'must be an object');
        return;
      }
      for (const key of Object.keys(x)) if (!FACT_KEYS.has(key)) err(`${f}.${key}`, 'unknown field');
      if (!isNonEmptyString(x.text)) err(`${f}.text`, 'must be a non-empty string');
      if (!isIsoDate(x.date)) err(`${f}.date`, 'must be an ISO date (YYYY-MM-DD)');
      if (x.announcement !== undefined && typeof x.announcement !== 'boolean')
        err(`${f}.announcement`, 'must be true or false');
      checkCites(`${f}.sources`, x.sources);
      // A source cannot report what had not happened yet, unless the fact is an advance announcement.
      if (isIsoDate(x.date) && isStringList(x.sources) && x.announcement !== true) {
        const dates = x.sources.map((id) => sourceDates.get(id)).filter(isIsoDate);
        if (dates.length === x.sources.length && dates.every((d) => d < (x.date as string)))
          err(
            `${f}.sources`,
            `every cited source is dated before the fact (${x.date}); cite one dated on or after it, or mark an advance announcement "announcement": true`,
          );
      }
    });

  // Roles: an official (who holds or held public office) needs at least one dated role.
  if (raw.category === 'official' && (!Array.isArray(raw.roles) || raw.roles.length === 0))
    err('roles', 'an official needs at least one dated role');
  if (raw.roles !== undefined) {
    if (!Array.isArray(raw.roles)) err('roles', 'must be a list');
    else
      raw.roles.forEach((r: unknown, i) => {
        const f = `roles[${i}]`;
        if (!isRecord(r)) {
          err(f, 'must be an object');
          return;
        }
        if (!isNonEmptyString(r.title)) err(`${f}.title`, 'must be a non-empty string');
        if (!isIsoDate(r.from)) err(`${f}.from`, 'must be an ISO date (YYYY-MM-DD)');
        if (r.to !== undefined) {
          if (!isIsoDate(r.to)) err(`${f}.to`, 'must be an ISO date (YYYY-MM-DD)');
          else if (isIsoDate(r.from) && r.to < r.from) err(`${f}.to`, 'must not be before "from"');
        }
        checkCites(`${f}.sources`, r.sources);
        if (r.aliases !== undefined) {
          if (!Array.isArray(r.aliases)) err(`${f}.aliases`, 'must be a list');
          else
            r.aliases.forEach((a: unknown, j) => {
              checkAlias(a, `${f}.aliases[${j}]`, err);
            });
        }
      });
  }

  // Citation
  if (raw.citation !== undefined) {
    const c = raw.citation;
    if (!isRecord(c)) err('citation', 'must be an object');
    else {
      if (typeof c.title !== 'number' || !Number.isInteger(c.title))
        err('citation.title', 'must be a whole number');
      if (typeof c.section !== 'string' || !/^\d+[a-z]?$/.test(c.section))
        err('citation.section', 'must be a section number such as "1325"');
      if (c.ina !== undefined && (typeof c.ina !== 'string' || !/^\d+[A-Z]?$/.test(c.ina)))
        err('citation.ina', 'must be an INA section number such as "275"');
    }
  }

  if (!isStringList(raw.related)) err('related', 'must be a list of entity ids');

  if (raw.es !== undefined) {
    const es = raw.es;
    if (!isRecord(es)) err('es', 'must be an object');
    else {
      if (!isNonEmptyString(es.summary)) err('es.summary', 'must be a non-empty string');
      if (!isStringList(es.facts)) err('es.facts', 'must be a list of strings');
      else if (Array.isArray(raw.facts) && es.facts.length !== raw.facts.length)
        err('es.facts', `must have ${raw.facts.length} items, one per fact`);
    }
  }
  return errors;
}

/** Lower-cased, accent-free, single-spaced form used to compare aliases across entities. */
export function aliasKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\u2010-\u2015-]+/g, ' ')
    .trim();
}

function isRuled(alias: Alias): boolean {
  return (
    typeof alias !== 'string' &&
    Boolean(
      alias.context ||
        alias.requires ||
        alias.notFollowedBy ||
        alias.notPrecededBy ||
        alias.lang ||
        alias.during ||
        alias.surname,
    )
  );
}

/** Every alias of an entity with its field name; a role's aliases carry the role's dates. */
function aliasesWithFields(entity: Entity): { alias: Alias; field: string; during?: [string, string] }[] {
  const out: { alias: Alias; field: string; during?: [string, string] }[] = entity.aliases.map(
    (alias, i) => ({
      alias,
      field: `aliases[${i}]`,
      ...(typeof alias !== 'string' && alias.during ? { during: alias.during } : {}),
    }),
  );
  (entity.roles ?? []).forEach((r, i) => {
    (r.aliases ?? []).forEach((alias, j) => {
      out.push({ alias, field: `roles[${i}].aliases[${j}]`, during: [r.from, r.to ?? OPEN_END] });
    });
  });
  return out;
}

/** The result of checking every file together. */
export interface DatasetResult {
  entities: Entity[];
  errors: DatasetError[];
}

/** Checks all files together: each on its own, then unique ids, references, alias collisions and URL dates. */
export function validateDataset(files: { file: string; json: unknown }[]): DatasetResult {
  const errors: DatasetError[] = [];
  const valid: { file: string; entity: Entity }[] = [];
  for (const { file, json } of files) {
    const own = validateEntity(json, file);
    errors.push(...own);
    if (own.length === 0) valid.push({ file, entity: json as Entity });
  }
  const byId = new Map<string, string>();
  for (const { file, entity } of valid) {
    const seen = byId.get(entity.id);
    if (seen) errors.push({ file, field: 'id', message: `duplicate id, also in ${seen}` });
    byId.set(entity.id, file);
  }
  const allIds = new Set(
    files.map((f) => (isRecord(f.json) && typeof f.json.id === 'string' ? f.json.id : '')),
  );
  const aliasOwners = new Map<string, { id: string; ruled: boolean; during?: [string, string] }[]>();
  for (const { file, entity } of valid) {
    entity.related.forEach((id, i) => {
      if (!allIds.has(id)) errors.push({ file, field: `related[${i}]`, message: `unknown entity "${id}"` });
      if (id === entity.id) errors.push({ file, field: `related[${i}]`, message: 'refers to itself' });
    });
    for (const { alias, field, during } of aliasesWithFields(entity)) {
      const key = aliasKey(aliasText(alias));
      const owners = aliasOwners.get(key) ?? [];
      const ruled = isRuled(alias) || !!during;
      for (const other of owners) {
        if (other.id === entity.id) continue;
        // Names of an office tell their holders apart by date: the ranges must not overlap (they
        // may touch: a term ends on the day the next begins).
        if (during && other.during) {
          if (during[0] < other.during[1] && other.during[0] < during[1])
            errors.push({
              file,
              field,
              message: `"${aliasText(alias)}" also names ${other.id} at overlapping dates (${other.during.join(' to ')})`,
            });
        } else if (!(ruled && other.ruled))
          errors.push({
            file,
            field,
            message: `"${aliasText(alias)}" is also an alias of ${other.id}; give both a rule that tells them apart`,
          });
      }
      owners.push({ id: entity.id, ruled, ...(during ? { during } : {}) });
      aliasOwners.set(key, owners);
    }
  }
  errors.push(...checkUrlDates(files));
  return { entities: valid.map((v) => v.entity), errors };
}

/** A URL as compared across files: without its fragment or a trailing slash. */
export function urlKey(url: string): string {
  return url.replace(/#.*$/, '').replace(/\/+$/, '');
}

/**
 * One date and one kind per URL across the whole dataset: a source's date is that of the version
 * cited, and a document is primary or not whoever cites it, so the same page cannot carry two.
 * Reads every file that has sources, valid or not.
 */
function checkUrlDates(files: { file: string; json: unknown }[]): DatasetError[] {
  const errors: DatasetError[] = [];
  const first = new Map<string, { date: string; kind: unknown; file: string; field: string }>();
  for (const { file, json } of files) {
    if (!isRecord(json) || !Array.isArray(json.sources)) continue;
    json.sources.forEach((s: unknown, i) => {
      if (!isRecord(s) || typeof s.url !== 'string' || !isIsoDate(s.date)) return;
      const key = urlKey(s.url);
      const seen = first.get(key);
      if (!seen) first.set(key, { date: s.date, kind: s.kind, file, field: `sources[${i}]` });
      else {
        if (seen.date !== s.date)
          errors.push({
            file,
            field: `sources[${i}].date`,
            message: `${s.date} differs from ${seen.date} for the same URL in ${seen.file} (${seen.field}); give each URL one date`,
          });
        if (seen.kind !== s.kind)
          errors.push({
            file,
            field: `sources[${i}].kind`,
            message: `${String(s.kind)} differs from ${String(seen.kind)} for the same URL in ${seen.file} (${seen.field}); give each URL one kind`,
          });
      }
    });
  }
  return errors;
}
