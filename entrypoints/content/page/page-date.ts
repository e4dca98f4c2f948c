/**
 * Reads an article's publication date from the page. Pages are hostile input: JSON-LD may be huge,
 * malformed, deeply nested or cyclic-looking, and dates may be junk, so every read is bounded.
 */

/** JSON-LD scripts larger than this are skipped (a date never needs more). */
export const MAX_JSONLD_CHARS = 200_000;
/** How many JSON-LD objects are visited at most. */
export const MAX_JSONLD_NODES = 2_000;
/** Earliest year accepted as a publication date. */
export const MIN_YEAR = 1990;

const DATE_PREFIX = /^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/;

/** 'YYYY-MM-DD' from an ISO date or date-time string (the publisher's local date), or null. */
export function normalizeDate(value: unknown, now: Date = new Date()): string | null {
  if (typeof value !== 'string' || value.length > 64) return null;
  const m = DATE_PREFIX.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  // A date more than a day in the future, or before the web era, is a template placeholder.
  if (y < MIN_YEAR || dt.getTime() > now.getTime() + 86_400_000) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function metaDate(doc: Document, now: Date): string | null {
  for (const sel of [
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
  ]) {
    const d = normalizeDate(doc.querySelector(sel)?.getAttribute('content'), now);
    if (d) return d;
  }
  return null;
}

/** Finds datePublished (preferred) or dateModified in parsed JSON-LD, visiting a bounded number of nodes. */
export function jsonLdDate(data: unknown, now: Date = new Date()): string | null {
  const stack: unknown[] = [data];
  let visited = 0;
  let modified: string | null = null;
  while (stack.length > 0 && visited < MAX_JSONLD_NODES) {
    const node = stack.pop();
    visited++;
    if (Array.isArray(node)) {
      for (let i = Math.min(node.length, MAX_JSONLD_NODES) - 1; i >= 0; i--) stack.push(node[i]);
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    const o = node as Record<string, unknown>;
    let published: unknown;
    let mod: unknown;
    try {
      published = Object.hasOwn(o, 'datePublished') ? o.datePublished : undefined;
      mod = Object.hasOwn(o, 'dateModified') ? o.dateModified : undefined;
    } catch {
      continue;
    }
    const p = normalizeDate(Array.isArray(published) ? published[0] : published, now);
    if (p) return p;
    modified ??= normalizeDate(Array.isArray(mod) ? mod[0] : mod, now);
    for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage', 'hasPart', 'itemListElement']) {
      if (Object.hasOwn(o, key)) stack.push(o[key]);
    }
  }
  return modified;
}

function ldDate(doc: Document, now: Date): string | null {
  let fallback: string | null = null;
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length && i < 50; i++) {
    const text = scripts[i]?.textContent ?? '';
    if (text.length > MAX_JSONLD_CHARS) continue;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      continue;
    }
    const d = jsonLdDate(data, now);
    // datePublished anywhere beats dateModified; jsonLdDate returns a modified date only as a fallback.
    if (d && hasPublished(data)) return d;
    fallback ??= d;
  }
  return fallback;
}

function hasPublished(data: unknown): boolean {
  try {
    return JSON.stringify(data).includes('"datePublished"');
  } catch {
    return false;
  }
}

function timeDate(doc: Document, now: Date): string | null {
  const times = doc.querySelectorAll(
    'article time[datetime], main time[datetime], [role="main"] time[datetime]',
  );
  for (let i = 0; i < times.length && i < 20; i++) {
    const d = normalizeDate(times[i]?.getAttribute('datetime'), now);
    if (d) return d;
  }
  return null;
}

/**
 * The article's publication date as 'YYYY-MM-DD': article:published_time, then JSON-LD
 * datePublished (or dateModified), then a <time datetime> inside <article> or <main>. Null if none.
 */
export function readPageDate(doc: Document = document, now: Date = new Date()): string | null {
  try {
    return metaDate(doc, now) ?? ldDate(doc, now) ?? timeDate(doc, now);
  } catch {
    return null;
  }
}
