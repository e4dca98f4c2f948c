import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  defaultSettings,
  isActiveOn,
  isCategoryEnabled,
  isSitePaused,
  parseSitePattern,
  repairSettings,
  SETTINGS_MIGRATIONS,
} from '../../data/settings';

describe('settings, pure', () => {
  test('defaults follow DESIGN.md', () => {
    expect(DEFAULT_SETTINGS.mode).toBe('all');
    expect(DEFAULT_SETTINGS.hoverDelay).toBe(300);
    expect(DEFAULT_SETTINGS.language).toBe('auto');
    expect(DEFAULT_SETTINGS.pausedSites).toEqual([]);
    expect(Object.values(DEFAULT_SETTINGS.categories).every(Boolean)).toBe(true);
  });

  test('corrupt values are repaired field by field and reported, never thrown', () => {
    const { settings, problems } = repairSettings({
      mode: 42,
      categories: { official: false, wizard: true, person: 'yes' },
      hoverDelay: -5,
      pausedSites: ['Example.com/path', 'not a host!', 7],
      theme: 'dark',
      surprise: 1,
    });
    expect(settings.mode).toBe('all');
    expect(settings.categories.official).toBe(false);
    expect(settings.categories.person).toBe(true);
    expect(settings.hoverDelay).toBe(300);
    expect(settings.pausedSites).toEqual(['example.com']);
    expect(settings.theme).toBe('dark');
    expect(problems.length).toBe(7);
    for (const junk of [null, undefined, 'x', 3, [], [1]])
      expect(repairSettings(junk).settings).toEqual(defaultSettings());
  });

  test('site patterns are validated and matched', () => {
    expect(parseSitePattern('https://www.NYTimes.com/2018/06/x')).toBe('www.nytimes.com');
    expect(parseSitePattern('*.example.org')).toBe('*.example.org');
    expect(parseSitePattern('127.0.0.1:8080')).toBe('127.0.0.1');
    expect(parseSitePattern('exa mple.com')).toBeNull();
    expect(parseSitePattern('')).toBeNull();
    const s = { ...defaultSettings(), pausedSites: ['example.com', '*.news.org'] };
    expect(isSitePaused(s, 'example.com')).toBe(true);
    expect(isSitePaused(s, 'www.example.com')).toBe(true);
    expect(isSitePaused(s, 'a.news.org')).toBe(true);
    expect(isSitePaused(s, 'news.org')).toBe(true);
    expect(isSitePaused(s, 'badnews.org')).toBe(false);
    expect(isActiveOn(s, 'example.com')).toBe(false);
    expect(isActiveOn({ ...s, enabled: false }, 'other.com')).toBe(false);
    expect(isCategoryEnabled({ ...s, categories: { ...s.categories, statute: false } }, 'statute')).toBe(
      false,
    );
  });

  test('version 1 settings migrate to version 2', () => {
    const v2 = SETTINGS_MIGRATIONS[2]?.({
      disabledCategories: ['statute'],
      highlightAll: false,
      delayMs: 500,
      theme: 'dark',
    });
    const { settings, problems } = repairSettings(v2);
    expect(problems).toEqual([]);
    expect(settings.categories.statute).toBe(false);
    expect(settings.mode).toBe('first');
    expect(settings.hoverDelay).toBe(500);
    expect(settings.theme).toBe('dark');
  });

  test('version 2 settings migrate to version 3: context names wait for pages about the story', () => {
    const v2 = { ...defaultSettings(), mode: 'first', pausedSites: ['example.com'] } as Record<
      string,
      unknown
    >;
    delete v2.contextEverywhere;
    const v3 = SETTINGS_MIGRATIONS[3]?.(v2);
    expect(v3).toEqual({ ...v2, contextEverywhere: false });
    const { settings, problems } = repairSettings(v3);
    expect(problems).toEqual([]);
    expect(settings).toEqual({ ...defaultSettings(), mode: 'first', pausedSites: ['example.com'] });
    // A value written by a later version that already has the setting keeps it.
    expect(SETTINGS_MIGRATIONS[3]?.({ contextEverywhere: true })).toEqual({ contextEverywhere: true });
    expect(repairSettings({ contextEverywhere: 'yes' }).problems).toEqual([
      'contextEverywhere: not true or false',
    ]);
  });
});

describe('settings in storage.sync', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.resetModules();
  });

  test('a corrupt stored value reads as defaults, says so in the console, and is written back repaired', async () => {
    await fakeBrowser.storage.sync.set({ settings: { mode: 'sideways', hoverDelay: 'soon' } });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { loadSettings, repairStoredSettings } = await import('../../data/settings-storage');
    const s = await loadSettings();
    expect(s.mode).toBe('all');
    expect(s.hoverDelay).toBe(300);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Backstory: repaired stored settings'));
    await repairStoredSettings();
    const { settings } = await fakeBrowser.storage.sync.get('settings');
    expect(settings).toEqual(defaultSettings());
    warn.mockRestore();
  });

  test('a version-2 value (before the relevance setting) loads, with the setting off', async () => {
    const v2 = { ...defaultSettings(), theme: 'dark' } as Record<string, unknown>;
    delete v2.contextEverywhere;
    await fakeBrowser.storage.sync.set({ settings: v2, settings$: { v: 2 } });
    const { settingsItem, loadSettings } = await import('../../data/settings-storage');
    await settingsItem.migrate();
    const { settings } = await fakeBrowser.storage.sync.get('settings');
    expect(settings).toEqual({ ...v2, contextEverywhere: false });
    expect(await loadSettings()).toEqual({ ...defaultSettings(), theme: 'dark' });
  });

  test('an old version-1 value is migrated on startup', async () => {
    await fakeBrowser.storage.sync.set({
      settings: { disabledCategories: ['person'], delayMs: 900 },
      settings$: { v: 1 },
    });
    const { settingsItem, loadSettings } = await import('../../data/settings-storage');
    await settingsItem.migrate();
    const s = await loadSettings();
    expect(s.categories.person).toBe(false);
    expect(s.hoverDelay).toBe(900);
  });

  test('changes reach watchers', async () => {
    const { watchSettings, updateSettings } = await import('../../data/settings-storage');
    const seen: string[] = [];
    const unwatch = watchSettings((s) => seen.push(s.mode));
    await updateSettings((s) => ({ ...s, mode: 'first' }));
    await new Promise((r) => setTimeout(r, 10));
    unwatch();
    expect(seen).toContain('first');
  });

  test("the content script's reader gives the WXT item's answers, without writing", async () => {
    const { readSettings } = await import('../../data/settings-reader');
    const { loadSettings, settingsItem } = await import('../../data/settings-storage');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const cases: Record<string, unknown>[] = [
      {},
      { settings: { disabledCategories: ['person', 'case'], highlightAll: false, delayMs: 900 } },
      { settings: { disabledCategories: ['person'], delayMs: 900 }, settings$: { v: 1 } },
      {
        settings: { ...defaultSettings(), mode: 'first', pausedSites: ['example.com'] },
        settings$: { v: 2 },
      },
      { settings: { ...defaultSettings(), contextEverywhere: true }, settings$: { v: 3 } },
      { settings: { mode: 'sideways', hoverDelay: 'soon' }, settings$: { v: 2 } },
      { settings: 'junk' },
    ];
    for (const stored of cases) {
      fakeBrowser.reset();
      await fakeBrowser.storage.sync.set(stored);
      const read = await readSettings();
      expect(await fakeBrowser.storage.sync.get(null)).toEqual(stored);
      await settingsItem.migrate();
      expect(read).toEqual(await loadSettings());
    }
    warn.mockRestore();
  });

  test("the content script's watcher sees changes written through the WXT item, repaired", async () => {
    const { onSettingsChanged } = await import('../../data/settings-reader');
    const { saveSettings, settingsItem } = await import('../../data/settings-storage');
    const seen: unknown[] = [];
    const unwatch = onSettingsChanged((s) => seen.push(s));
    await saveSettings({ ...defaultSettings(), mode: 'first' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await settingsItem.setValue({ hoverDelay: -1 });
    await new Promise((r) => setTimeout(r, 10));
    unwatch();
    await saveSettings(defaultSettings());
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([{ ...defaultSettings(), mode: 'first' }, defaultSettings()]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('(change)'));
    warn.mockRestore();
  });
});
