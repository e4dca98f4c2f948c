import { browser } from 'wxt/browser';
import {
  defaultSettings,
  repairSettings,
  SETTINGS_MIGRATIONS,
  SETTINGS_VERSION,
  type Settings,
} from './settings';

/** The settings item's key in storage.sync. */
export const SETTINGS_KEY = 'settings';
/** Where @wxt-dev/storage keeps a versioned item's version: `{ v: number }` under "<key>$". */
export const SETTINGS_META_KEY = `${SETTINGS_KEY}$`;

/** Runs the migration to version `v`; a value that is not an object passes through (repair handles it). */
export function migrateTo(v: number, value: unknown): unknown {
  const step = SETTINGS_MIGRATIONS[v];
  return step && typeof value === 'object' && value !== null && !Array.isArray(value)
    ? step(value as Record<string, unknown>)
    : value;
}

/** Runs the migrations from `version` up to the current one (what the WXT item does on start-up). */
export function migrateSettings(raw: unknown, version: number): unknown {
  let value = raw;
  for (let v = Math.max(1, version) + 1; v <= SETTINGS_VERSION; v++) value = migrateTo(v, value);
  return value;
}

/** Says in the console what was repaired, and where. */
export function reportRepairs(where: string, problems: string[]): void {
  if (problems.length) console.warn(`Backstory: repaired stored settings (${where}): ${problems.join('; ')}`);
}

/**
 * Reads settings for a content script: migrated in memory and repaired, never written back (the
 * background does that once, so that many tabs do not race to write). It reads storage.sync
 * directly instead of through @wxt-dev/storage, which would add about 3.5 KB gzipped to the
 * script every page loads; tests/unit/settings.test.ts holds the two to the same answers.
 */
export async function readSettings(): Promise<Settings> {
  try {
    const stored = await browser.storage.sync.get([SETTINGS_KEY, SETTINGS_META_KEY]);
    const meta = stored[SETTINGS_META_KEY] as { v?: unknown } | undefined;
    const version = typeof meta?.v === 'number' ? meta.v : 1;
    const { settings, problems } = repairSettings(migrateSettings(stored[SETTINGS_KEY] ?? null, version));
    reportRepairs('read', problems);
    return settings;
  } catch (e) {
    console.warn('Backstory: could not read settings, using defaults:', e);
    return defaultSettings();
  }
}

/** Calls back with repaired settings whenever storage.sync's settings change. Returns the unwatch. */
export function onSettingsChanged(callback: (settings: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'sync' || !(SETTINGS_KEY in changes)) return;
    const { settings, problems } = repairSettings(changes[SETTINGS_KEY]?.newValue ?? null);
    reportRepairs('change', problems);
    callback(settings);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
