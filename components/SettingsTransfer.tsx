import type { Lang } from '../data/types';
import { type MessageKey, t } from './i18n';

/** What the last import or reset did, to show the user. */
export type TransferStatus =
  | { kind: 'none' }
  | { kind: 'imported'; problems: string[] }
  | { kind: 'not-json' }
  | { kind: 'reset' };

/** Props of the export / import / reset section. */
export type SettingsTransferProps = {
  lang: Lang;
  status: TransferStatus;
  onExport: () => void;
  onImport: (file: File) => void;
  onReset: () => void;
};

/** Back up settings to a JSON file, restore them from one, or go back to the defaults. */
export function SettingsTransfer({ lang, status, onExport, onImport, onReset }: SettingsTransferProps) {
  const tr = (key: MessageKey) => t(key, lang);
  return (
    <fieldset class="transfer">
      <legend>{tr('optionsDataLegend')}</legend>
      <div class="row">
        <button type="button" id="export-settings" onClick={onExport}>
          {tr('optionsExport')}
        </button>
        <button type="button" id="reset-settings" onClick={onReset}>
          {tr('optionsReset')}
        </button>
      </div>
      <div class="field">
        <label for="import-settings">{tr('optionsImport')}</label>{' '}
        <input
          id="import-settings"
          type="file"
          accept="application/json,.json"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) onImport(file);
            e.currentTarget.value = '';
          }}
        />
      </div>
      <div role="status" class="transfer-status" data-status={status.kind}>
        {status.kind === 'imported' && status.problems.length === 0 && <p>{tr('optionsImportDone')}</p>}
        {status.kind === 'imported' && status.problems.length > 0 && (
          <>
            <p>{tr('optionsImportProblems')}</p>
            <ul class="problems">
              {status.problems.map((p) => (
                <li key={p}>
                  <code>{p}</code>
                </li>
              ))}
            </ul>
          </>
        )}
        {status.kind === 'not-json' && <p class="error">{tr('optionsImportNotJson')}</p>}
        {status.kind === 'reset' && <p>{tr('optionsResetDone')}</p>}
      </div>
    </fieldset>
  );
}
