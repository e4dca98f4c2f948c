import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { AboutSection } from '../../components/AboutSection';
import { t } from '../../components/i18n';
import { OptionsForm } from '../../components/OptionsForm';
import { SettingsTransfer, type TransferStatus } from '../../components/SettingsTransfer';
import { useSettings, useSettingsPage } from '../../components/use-settings';
import { defaultSettings, repairSettings, type Settings } from '../../data/settings';
import { saveSettings } from '../../data/settings-storage';
import type { Category, DatasetMeta, Entity } from '../../data/types';

/** Props of the options page: the dataset it describes. */
export type OptionsAppProps = {
  entities: readonly Entity[];
  meta: DatasetMeta;
};

/** Entities whose names make the clearest preview for each category, when they exist. */
const PREFERRED_SAMPLES: Record<Category, string> = {
  policy: 'zero-tolerance-policy',
  official: 'jeff-sessions',
  person: 'dana-sabraw',
  statute: 'usc-8-1325',
  case: 'ms-l-v-ice',
  agency: 'border-patrol',
  organization: 'aclu',
  event: 'june-2018-reversal',
};

/** The file name an export is saved under. */
export const EXPORT_FILE = 'backstory-settings.json';

/** The options page: loads settings (repairing storage if corrupt) and saves every change at once. */
export function OptionsApp({ entities, meta }: OptionsAppProps) {
  const [settings, setSettings] = useSettings(true);
  const [shortcut, setShortcut] = useState<string | null>(null);
  const [status, setStatus] = useState<TransferStatus>({ kind: 'none' });
  const [saved, setSaved] = useState(0);
  const lang = useSettingsPage(settings, 'optionsTitle');

  const samples = useMemo(() => {
    const out: Partial<Record<Category, string>> = {};
    const byId = new Map(entities.map((e) => [e.id, e]));
    for (const [c, id] of Object.entries(PREFERRED_SAMPLES) as [Category, string][])
      out[c] = byId.get(id)?.name ?? entities.find((e) => e.category === c)?.name;
    return out;
  }, [entities]);

  useEffect(() => {
    // Firefox for Android has no commands API; a missing API must not break the page.
    void Promise.resolve()
      .then(() => browser.commands.getAll())
      .then((all) => setShortcut(all.find((c) => c.name === 'toggle-keyboard-mode')?.shortcut ?? ''))
      .catch(() => setShortcut(''));
  }, []);

  const save = (next: Settings) => {
    setSettings(next);
    void saveSettings(next).then(() => setSaved((n) => n + 1));
  };

  const onExport = () => {
    if (!settings) return;
    const blob = new Blob([`${JSON.stringify(settings, null, 2)}\n`], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = EXPORT_FILE;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const onImport = async (file: File) => {
    let raw: unknown;
    try {
      raw = JSON.parse(await file.text());
    } catch {
      setStatus({ kind: 'not-json' });
      return;
    }
    const { settings: repaired, problems } = repairSettings(raw);
    save(repaired);
    setStatus({ kind: 'imported', problems });
  };

  const onReset = () => {
    save(defaultSettings());
    setStatus({ kind: 'reset' });
  };

  if (!settings) return <main class="options" aria-busy="true" />;
  return (
    <main class="options">
      <h1>{t('optionsTitle', lang)}</h1>
      <p class="saved" role="status" aria-live="polite">
        {saved > 0 ? t('optionsSaved', lang) : ''}
      </p>
      <OptionsForm
        lang={lang}
        settings={settings}
        samples={samples}
        shortcut={shortcut}
        onChange={save}
        onOpenShortcuts={() =>
          void browser.tabs.create({ url: 'chrome://extensions/shortcuts' }).catch(() => undefined)
        }
      />
      <SettingsTransfer
        lang={lang}
        status={status}
        onExport={onExport}
        onImport={(f) => void onImport(f)}
        onReset={onReset}
      />
      <AboutSection lang={lang} meta={meta} version={browser.runtime.getManifest().version} />
    </main>
  );
}
