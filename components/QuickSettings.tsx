import type { MessageKey } from './i18n';
import { t } from './i18n';

/** Props of the popup's global switches. */
export type QuickSettingsProps = {
  lang: 'en' | 'es';
  enabled: boolean;
  badge: boolean;
  onEnabled: (on: boolean) => void;
  onBadge: (on: boolean) => void;
  onOpenOptions: () => void;
};

/** The global on/off, the toolbar badge switch and a way to the options page. */
export function QuickSettings(p: QuickSettingsProps) {
  const tr = (key: MessageKey) => t(key, p.lang);
  return (
    <footer class="quick">
      <fieldset>
        <legend class="visually-hidden">{tr('popupQuickSettings')}</legend>
        <label>
          <input
            type="checkbox"
            name="enabled"
            checked={p.enabled}
            onChange={(e) => p.onEnabled(e.currentTarget.checked)}
          />{' '}
          {tr('commonEnabled')}
        </label>
        <label>
          <input
            type="checkbox"
            name="badge"
            checked={p.badge}
            onChange={(e) => p.onBadge(e.currentTarget.checked)}
          />{' '}
          {tr('commonBadge')}
        </label>
      </fieldset>
      <button type="button" class="link" onClick={p.onOpenOptions}>
        {tr('popupOpenOptions')}
      </button>
    </footer>
  );
}
