import { describe, expect, test } from 'vitest';
import {
  DEFAULT_SETTINGS,
  defaultSettings,
  HOVER_DELAY_MAX,
  HOVER_DELAY_MIN,
  isActiveOn,
  isCategoryEnabled,
  isSitePaused,
  parseSitePattern,
  repairSettings,
  SETTINGS_MIGRATIONS,
} from '../../data/settings';
import { CATEGORIES } from '../../data/types';

/** The settings module's rules one by one: what a reader types, what storage holds, what is reported. */

describe('defaults', () => {
  test('every default named in DESIGN.md', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      enabled: true,
      categories: Object.fromEntries(CATEGORIES.map((c) => [c, true])),
      mode: 'all',
      style: 'underline',
      hoverDelay: 300,
      theme: 'auto',
      language: 'auto',
      pausedSites: [],
      badge: true,
      contextEverywhere: false,
    });
  });

  test('a fresh copy can be changed without touching the defaults', () => {
    const s = defaultSettings();
    s.categories.statute = false;
    s.pausedSites.push('example.com');
    expect(DEFAULT_SETTINGS.categories.statute).toBe(true);
    expect(DEFAULT_SETTINGS.pausedSites).toEqual([]);
    expect(defaultSettings()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('site patterns a reader types', () => {
  test.each([
    ['example.com', 'example.com'],
    ['  Example.COM  ', 'example.com'],
    ['https://www.example.com/a/b?c=d#e', 'www.example.com'],
    ['http://example.com?x', 'example.com'],
    ['example.com#top', 'example.com'],
    ['view-source+x://example.com', 'example.com'],
    ['example.com:8080', 'example.com'],
    ['localhost', 'localhost'],
    ['10.0.0.1', '10.0.0.1'],
    ['*.example.com', '*.example.com'],
    ['a-b.example.com', 'a-b.example.com'],
    ['x', 'x'],
  ])('%j → %j', (input, expected) => {
    expect(parseSitePattern(input)).toBe(expected);
  });

  test.each([
    '',
    '   ',
    'exa mple.com',
    '-example.com',
    'example-.com',
    'example..com',
    '.example.com',
    'example.com.',
    'ex*ample.com',
    'www.*.example.com',
    '**.example.com',
    'example_site.com',
    'https://',
  ])('%j is not a host', (input) => {
    expect(parseSitePattern(input)).toBeNull();
  });

  test('a label holds at most 63 characters', () => {
    expect(parseSitePattern(`${'a'.repeat(63)}.com`)).toBe(`${'a'.repeat(63)}.com`);
    expect(parseSitePattern(`${'a'.repeat(64)}.com`)).toBeNull();
    expect(parseSitePattern(`www.${'b'.repeat(64)}.com`)).toBeNull();
  });

  test('a host holds at most 253 characters', () => {
    const label = 'a'.repeat(61);
    const at = (n: number) => `${[label, label, label, label].join('.')}.${'c'.repeat(n)}`;
    expect(at(5)).toHaveLength(253);
    expect(parseSitePattern(at(5))).toBe(at(5));
    expect(parseSitePattern(at(6))).toBeNull();
  });
});

describe('paused sites', () => {
  const paused = (...pausedSites: string[]) => ({ ...defaultSettings(), pausedSites });

  test('a plain pattern covers the host and its www., not other subdomains or look-alikes', () => {
    const s = paused('example.com');
    expect(isSitePaused(s, 'example.com')).toBe(true);
    expect(isSitePaused(s, 'www.example.com')).toBe(true);
    expect(isSitePaused(s, 'news.example.com')).toBe(false);
    expect(isSitePaused(s, 'badexample.com')).toBe(false);
    expect(isSitePaused(s, 'example.com.evil.org')).toBe(false);
  });

  test('a wildcard covers the domain and every subdomain, not look-alikes', () => {
    const s = paused('*.example.com');
    expect(isSitePaused(s, 'example.com')).toBe(true);
    expect(isSitePaused(s, 'a.b.example.com')).toBe(true);
    expect(isSitePaused(s, 'badexample.com')).toBe(false);
    expect(isSitePaused(s, 'example.co')).toBe(false);
  });

  test('hosts compare without case and without a trailing dot', () => {
    expect(isSitePaused(paused('example.com'), 'WWW.Example.COM.')).toBe(true);
    expect(isSitePaused(paused('*.example.com'), 'News.Example.com.')).toBe(true);
  });

  test('nothing paused pauses nothing', () => {
    expect(isSitePaused(paused(), 'example.com')).toBe(false);
  });

  test('active means switched on and not paused here', () => {
    const s = paused('example.com');
    expect(isActiveOn(s, 'other.org')).toBe(true);
    expect(isActiveOn(s, 'example.com')).toBe(false);
    expect(isActiveOn({ ...s, enabled: false }, 'other.org')).toBe(false);
  });

  test('a category shows when the extension is on and the category is not turned off', () => {
    const s = defaultSettings();
    expect(isCategoryEnabled(s, 'statute')).toBe(true);
    expect(isCategoryEnabled({ ...s, enabled: false }, 'statute')).toBe(false);
    expect(isCategoryEnabled({ ...s, categories: { ...s.categories, statute: false } }, 'statute')).toBe(
      false,
    );
    expect(isCategoryEnabled({ ...s, categories: { ...s.categories, statute: false } }, 'policy')).toBe(true);
    // A category the stored value does not know yet (added later) is on.
    const { statute: _statute, ...older } = s.categories;
    expect(isCategoryEnabled({ ...s, categories: older as typeof s.categories }, 'statute')).toBe(true);
  });
});

describe('repairing a stored value', () => {
  test('a good value comes back unchanged with no problems', () => {
    const good = {
      ...defaultSettings(),
      enabled: false,
      mode: 'first',
      style: 'tint',
      theme: 'light',
      language: 'es',
      hoverDelay: 0,
      badge: false,
      contextEverywhere: true,
      pausedSites: ['example.com', '*.news.org'],
    };
    expect(repairSettings(good)).toEqual({ settings: good, problems: [] });
  });

  test('what is not an object gives the defaults; null and nothing are not a problem', () => {
    for (const raw of ['x', 3, true, [], [1]])
      expect(repairSettings(raw), JSON.stringify(raw)).toEqual({
        settings: defaultSettings(),
        problems: ['settings: not an object, using defaults'],
      });
    expect(repairSettings(undefined)).toEqual({ settings: defaultSettings(), problems: [] });
    expect(repairSettings(null)).toEqual({ settings: defaultSettings(), problems: [] });
    expect(repairSettings({})).toEqual({ settings: defaultSettings(), problems: [] });
  });

  test('each bad field is named and falls back to its default', () => {
    expect(repairSettings({ surprise: 1 }).problems).toEqual(['surprise: unknown setting, ignored']);
    expect(repairSettings({ mode: 'sideways' }).problems).toEqual(['mode: "sideways" is not valid']);
    expect(repairSettings({ style: 3 }).problems).toEqual(['style: 3 is not valid']);
    expect(repairSettings({ theme: null }).problems).toEqual(['theme: null is not valid']);
    expect(repairSettings({ language: 'fr' }).problems).toEqual(['language: "fr" is not valid']);
    for (const k of ['enabled', 'badge', 'contextEverywhere']) {
      const r = repairSettings({ [k]: 'yes' });
      expect(r.problems, k).toEqual([`${k}: not true or false`]);
      expect(r.settings, k).toEqual(defaultSettings());
    }
  });

  test('the hover delay is a number of ms from 0 to 2000, rounded', () => {
    const delay = (hoverDelay: unknown) => repairSettings({ hoverDelay });
    expect(delay(HOVER_DELAY_MIN).settings.hoverDelay).toBe(0);
    expect(delay(HOVER_DELAY_MAX).settings.hoverDelay).toBe(2000);
    expect(delay(450.6).settings.hoverDelay).toBe(451);
    for (const bad of [-1, 2001, Number.NaN, Number.POSITIVE_INFINITY, '300']) {
      const r = delay(bad);
      expect(r.settings.hoverDelay, String(bad)).toBe(300);
      expect(r.problems, String(bad)).toEqual([
        `hoverDelay: ${JSON.stringify(bad)} is not a delay in ms (0 to 2000)`,
      ]);
    }
  });

  test('categories: known ones with true or false are kept, the rest named', () => {
    const r = repairSettings({ categories: { statute: false, wizard: true, person: 'no' } });
    expect(r.settings.categories).toEqual({ ...defaultSettings().categories, statute: false });
    expect(r.problems).toEqual([
      'categories.wizard: unknown category',
      'categories.person: not true or false',
    ]);
    for (const bad of ['x', null, [false]])
      expect(repairSettings({ categories: bad }).problems, JSON.stringify(bad)).toEqual([
        'categories: not an object',
      ]);
  });

  test('paused sites: each one normalised, duplicates dropped, bad ones named, at most 500 kept', () => {
    const r = repairSettings({ pausedSites: ['Example.com', 'https://example.com/x', 'no host', 4] });
    expect(r.settings.pausedSites).toEqual(['example.com']);
    expect(r.problems).toEqual(['pausedSites: "no host" is not a host', 'pausedSites: 4 is not a host']);
    expect(repairSettings({ pausedSites: 'example.com' }).problems).toEqual(['pausedSites: not a list']);
    const many = Array.from({ length: 501 }, (_, i) => `site${i}.org`);
    const kept = repairSettings({ pausedSites: many }).settings.pausedSites;
    expect(kept).toHaveLength(500);
    expect(kept.at(-1)).toBe('site499.org');
  });
});

describe('migrations', () => {
  const to2 = (old: Record<string, unknown>) => SETTINGS_MIGRATIONS[2]?.(old);

  test('version 1 → 2: disabled categories become false, highlightAll becomes a mode, delayMs the delay', () => {
    expect(
      to2({ disabledCategories: ['statute', 3, 'case'], highlightAll: true, delayMs: 0, theme: 'dark' }),
    ).toEqual({
      theme: 'dark',
      categories: { statute: false, case: false },
      mode: 'all',
      hoverDelay: 0,
    });
    expect(to2({ highlightAll: false })).toEqual({ mode: 'first' });
  });

  test('version 1 → 2 adds nothing the old value did not say', () => {
    expect(to2({ theme: 'dark' })).toEqual({ theme: 'dark' });
    expect(to2({ disabledCategories: [], highlightAll: 'yes' })).toEqual({});
    expect(to2({ disabledCategories: 'statute' })).toEqual({});
  });

  test('version 2 → 3 turns context names everywhere off unless the value says otherwise', () => {
    expect(SETTINGS_MIGRATIONS[3]?.({ theme: 'dark' })).toEqual({ theme: 'dark', contextEverywhere: false });
  });
});
