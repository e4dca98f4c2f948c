import { useEffect, useState } from 'preact/hooks';
import { repairSettings, type Settings } from '../data/settings';
import { loadSettings, saveSettings, settingsItem, watchSettings } from '../data/settings-storage';
import type { Lang } from '../data/types';
import { type MessageKey, t, uiLanguage } from './i18n';

/**
 * The settings in storage.sync, followed live: the one way the popup and the options page read
 * them. `repair` (the options page) writes a corrupt stored value back repaired, so every open
 * tab agrees with the form; the popup only reads.
 */
export function useSettings(repair = false): [Settings | null, (s: Settings) => void] {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    if (!repair) void loadSettings().then(setSettings);
    else
      void (async () => {
        let raw: unknown = null;
        try {
          raw = await settingsItem.getValue();
        } catch {
          raw = null;
        }
        const { settings: repaired, problems } = repairSettings(raw);
        setSettings(repaired);
        if (problems.length > 0) {
          console.warn(`Backstory: repaired stored settings: ${problems.join('; ')}`);
          await saveSettings(repaired);
        }
      })();
    return watchSettings(setSettings);
  }, [repair]);
  return [settings, setSettings];
}

/** The page's language, theme and title follow the settings; returns the UI language. */
export function useSettingsPage(settings: Settings | null, title: MessageKey): Lang {
  const lang = uiLanguage(settings?.language ?? 'auto');
  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dataset.theme = settings?.theme ?? 'auto';
    document.title = t(title, lang);
  }, [lang, settings?.theme, title]);
  return lang;
}
