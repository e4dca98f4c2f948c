import { CATEGORIES, type Category } from './types';

/** Current settings schema version; bump it and add a migration when the shape changes. */
export const SETTINGS_VERSION = 3;

/** Highlight every mention, or only the first mention of each entity on a page. */
export type HighlightMode = 'all' | 'first';
/** How marks look. */
export type HighlightStyle = 'underline' | 'tint';
/** Card colour scheme. */
export type Theme = 'auto' | 'light' | 'dark';
/** UI and entity-text language. */
export type LanguagePref = 'auto' | 'en' | 'es';

/** Everything the user can set. Stored as one item in storage.sync. */
export interface Settings {
  enabled: boolean;
  categories: Record<Category, boolean>;
  mode: HighlightMode;
  style: HighlightStyle;
  hoverDelay: number;
  theme: Theme;
  language: LanguagePref;
  pausedSites: string[];
  badge: boolean;
  /**
   * Highlight context names (presidents, Congress, the big departments, national NGOs) on every
   * page, not only on pages about the story.
   */
  contextEverywhere: boolean;
}

/** Hover delay bounds, in ms. */
export const HOVER_DELAY_MIN = 0;
/** Hover delay bounds, in ms. */
export const HOVER_DELAY_MAX = 2000;

/** Defaults from DESIGN.md: every category on, all mentions, 300 ms, no paused sites, auto language. */
export const DEFAULT_SETTINGS: Settings = Object.freeze({
  enabled: true,
  categories: Object.freeze(
    Object.fromEntries(CATEGORIES.map((c) => [c, true])) as Record<Category, boolean>,
  ),
  mode: 'all',
  style: 'underline',
  hoverDelay: 300,
  theme: 'auto',
  language: 'auto',
  pausedSites: Object.freeze([]) as unknown as string[],
  badge: true,
  contextEverywhere: false,
}) as Settings;

/** A fresh, mutable copy of the defaults. */
export function defaultSettings(): Settings {
  return {
    ...DEFAULT_SETTINGS,
    categories: { ...DEFAULT_SETTINGS.categories },
    pausedSites: [],
  };
}

const HOST_PATTERN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * Normalises a site the user typed ("https://www.Example.com/path", "*.example.com") to a host
 * pattern, or returns null when it is not one. IPv4 addresses and "localhost" are allowed.
 */
export function parseSitePattern(input: string): string | null {
  let s = input.trim().toLowerCase();
  if (!s) return null;
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  s = s.replace(/[/?#].*$/, '').replace(/:\d+$/, '');
  if (s.length > 253) return null;
  return HOST_PATTERN.test(s) ? s : null;
}

/** True when `host` is covered by one of the paused-site patterns. */
export function isSitePaused(settings: Settings, host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return settings.pausedSites.some((p) =>
    p.startsWith('*.') ? h === p.slice(2) || h.endsWith(p.slice(1)) : h === p || h === `www.${p}`,
  );
}

/** True when marks of this category should show. */
export function isCategoryEnabled(settings: Settings, category: Category): boolean {
  return settings.enabled && settings.categories[category] !== false;
}

/** True when the extension should highlight anything on this host. */
export function isActiveOn(settings: Settings, host: string): boolean {
  return settings.enabled && !isSitePaused(settings, host);
}

function pick<T>(value: unknown, allowed: readonly T[], fallback: T, field: string, log: string[]): T {
  if (allowed.includes(value as T)) return value as T;
  if (value !== undefined) log.push(`${field}: ${JSON.stringify(value)} is not valid`);
  return fallback;
}

/** The result of repairing a stored value: the settings to use and what was wrong. */
export interface Repaired {
  settings: Settings;
  problems: string[];
}

/**
 * Turns anything read from storage (or an imported file) into valid settings. Each bad or unknown
 * field falls back to its default and is reported; nothing throws.
 */
export function repairSettings(raw: unknown): Repaired {
  const problems: string[] = [];
  const d = defaultSettings();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    if (raw !== undefined && raw !== null) problems.push('settings: not an object, using defaults');
    return { settings: d, problems };
  }
  const r = raw as Record<string, unknown>;
  const known = new Set(Object.keys(d));
  for (const key of Object.keys(r)) if (!known.has(key)) problems.push(`${key}: unknown setting, ignored`);

  const categories = { ...d.categories };
  if (r.categories !== undefined) {
    if (typeof r.categories !== 'object' || r.categories === null || Array.isArray(r.categories))
      problems.push('categories: not an object');
    else
      for (const [k, v] of Object.entries(r.categories as Record<string, unknown>)) {
        if (!CATEGORIES.includes(k as Category)) problems.push(`categories.${k}: unknown category`);
        else if (typeof v !== 'boolean') problems.push(`categories.${k}: not true or false`);
        else categories[k as Category] = v;
      }
  }
  let hoverDelay = d.hoverDelay;
  if (r.hoverDelay !== undefined) {
    const n = r.hoverDelay;
    if (typeof n === 'number' && Number.isFinite(n) && n >= HOVER_DELAY_MIN && n <= HOVER_DELAY_MAX)
      hoverDelay = Math.round(n);
    else problems.push(`hoverDelay: ${JSON.stringify(n)} is not a delay in ms (0 to 2000)`);
  }
  let pausedSites: string[] = [];
  if (r.pausedSites !== undefined) {
    if (!Array.isArray(r.pausedSites)) problems.push('pausedSites: not a list');
    else
      for (const s of r.pausedSites) {
        const p = typeof s === 'string' ? parseSitePattern(s) : null;
        if (p === null) problems.push(`pausedSites: ${JSON.stringify(s)} is not a host`);
        else if (!pausedSites.includes(p)) pausedSites.push(p);
      }
  }
  pausedSites = pausedSites.slice(0, 500);
  const bool = (k: 'enabled' | 'badge' | 'contextEverywhere') => {
    if (typeof r[k] === 'boolean') return r[k] as boolean;
    if (r[k] !== undefined) problems.push(`${k}: not true or false`);
    return d[k];
  };
  return {
    settings: {
      enabled: bool('enabled'),
      categories,
      mode: pick(r.mode, ['all', 'first'] as const, d.mode, 'mode', problems),
      style: pick(r.style, ['underline', 'tint'] as const, d.style, 'style', problems),
      hoverDelay,
      theme: pick(r.theme, ['auto', 'light', 'dark'] as const, d.theme, 'theme', problems),
      language: pick(r.language, ['auto', 'en', 'es'] as const, d.language, 'language', problems),
      pausedSites,
      badge: bool('badge'),
      contextEverywhere: bool('contextEverywhere'),
    },
    problems,
  };
}

/**
 * Migrations from each older version to the next. Version 1 (the first release's shape) kept
 * `disabledCategories: string[]`, `highlightAll: boolean` and `delayMs`. Version 3 adds
 * `contextEverywhere`, off: context names now wait for a page about the story, which is what a
 * reader of version 2 saw on such pages; the option brings back version 2's every-page behaviour.
 */
export const SETTINGS_MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> =
  {
    2: (old) => {
      const { disabledCategories, highlightAll, delayMs, ...rest } = old;
      const categories: Record<string, boolean> = {};
      if (Array.isArray(disabledCategories))
        for (const c of disabledCategories) if (typeof c === 'string') categories[c] = false;
      return {
        ...rest,
        ...(Object.keys(categories).length ? { categories } : {}),
        ...(typeof highlightAll === 'boolean' ? { mode: highlightAll ? 'all' : 'first' } : {}),
        ...(delayMs !== undefined ? { hoverDelay: delayMs } : {}),
      };
    },
    3: (old) => ({ contextEverywhere: false, ...old }),
  };
