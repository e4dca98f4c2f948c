import { storage } from 'wxt/utils/storage';
import {
  defaultSettings,
  repairSettings,
  SETTINGS_MIGRATIONS,
  SETTINGS_VERSION,
  type Settings,
} from './settings';
import { migrateTo, reportRepairs as report, SETTINGS_KEY } from './settings-reader';

/** The one settings item in storage.sync (key "settings"), versioned with migrations. */
export const settingsItem = storage.defineItem<unknown>(`sync:${SETTINGS_KEY}`, {
  fallback: null,
  version: SETTINGS_VERSION,
  migrations: Object.fromEntries(
    Object.keys(SETTINGS_MIGRATIONS).map((v) => [v, (old: unknown) => migrateTo(Number(v), old)]),
  ),
});

/** Reads settings, repairing anything corrupt to defaults and saying so in the console. */
export async function loadSettings(): Promise<Settings> {
  try {
    const { settings, problems } = repairSettings(await settingsItem.getValue());
    report('read', problems);
    return settings;
  } catch (e) {
    console.warn('Backstory: could not read settings, using defaults:', e);
    return defaultSettings();
  }
}

/** Saves the whole settings object (already valid). */
export async function saveSettings(settings: Settings): Promise<void> {
  await settingsItem.setValue(settings);
}

/** Applies a change to the stored settings and saves the result. */
export async function updateSettings(change: (s: Settings) => Settings): Promise<Settings> {
  const next = change(await loadSettings());
  await saveSettings(next);
  return next;
}

/** Calls back with repaired settings on every change, from any context. Returns the unwatch. */
export function watchSettings(callback: (settings: Settings) => void): () => void {
  return settingsItem.watch((value) => {
    const { settings, problems } = repairSettings(value);
    report('change', problems);
    callback(settings);
  });
}

/**
 * Writes the repaired form back when the stored value is corrupt, so every page and the
 * options form agree. Only the background calls it, to avoid many tabs racing to write.
 */
export async function repairStoredSettings(): Promise<string[]> {
  const raw = await settingsItem.getValue();
  const { settings, problems } = repairSettings(raw);
  if (problems.length || raw === null) {
    report('startup', problems);
    await settingsItem.setValue(settings);
  }
  return problems;
}
