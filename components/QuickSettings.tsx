import type { Lang } from '../data/types';
import { Checkbox } from './Checkbox';
import type { MessageKey } from './i18n';
import { t } from './i18n';

/** Props of the popup's global switches. */
export type QuickSettingsProps = {
  lang: Lang;
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
        <Checkbox name="enabled" label={tr('commonEnabled')} checked={p.enabled} onChange={p.onEnabled} />
        <Checkbox name="badge" label={tr('commonBadge')} checked={p.badge} onChange={p.onBadge} />
      </fieldset>
      <button type="button" class="link" onClick={p.onOpenOptions}>
        {tr('popupOpenOptions')}
      </button>
    </footer>
  );
}
