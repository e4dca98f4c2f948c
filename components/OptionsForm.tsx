import { useState } from 'preact/hooks';
import {
  type HighlightMode,
  type HighlightStyle,
  HOVER_DELAY_MAX,
  HOVER_DELAY_MIN,
  type LanguagePref,
  parseSitePattern,
  type Settings,
  type Theme,
} from '../data/settings';
import { CATEGORIES, type Category, type Lang } from '../data/types';
import { Checkbox } from './Checkbox';
import { HighlightPreview } from './HighlightPreview';
import { type MessageKey, t } from './i18n';
import { CATEGORY_LABEL } from './labels';

/** Props of the options form. Every change is reported at once with the whole new settings. */
export type OptionsFormProps = {
  lang: Lang;
  settings: Settings;
  /** A sample name per category for the live preview. */
  samples: Partial<Record<Category, string>>;
  /** The keyboard-mode shortcut as the browser reports it; '' when unset, null while unknown. */
  shortcut: string | null;
  onChange: (settings: Settings) => void;
  onOpenShortcuts: () => void;
};

type Choice<T> = { value: T; label: MessageKey };

const MODES: Choice<HighlightMode>[] = [
  { value: 'all', label: 'optionsModeAll' },
  { value: 'first', label: 'optionsModeFirst' },
];
const STYLES: Choice<HighlightStyle>[] = [
  { value: 'underline', label: 'optionsStyleUnderline' },
  { value: 'tint', label: 'optionsStyleTint' },
];
const THEMES: Choice<Theme>[] = [
  { value: 'auto', label: 'optionsThemeAuto' },
  { value: 'light', label: 'optionsThemeLight' },
  { value: 'dark', label: 'optionsThemeDark' },
];
const LANGUAGES: Choice<LanguagePref>[] = [
  { value: 'auto', label: 'optionsLanguageAuto' },
  { value: 'en', label: 'optionsLanguageEn' },
  { value: 'es', label: 'optionsLanguageEs' },
];

/** The settings form: categories with previews, highlighting, appearance, paused sites, shortcut. */
export function OptionsForm({
  lang,
  settings: s,
  samples,
  shortcut,
  onChange,
  onOpenShortcuts,
}: OptionsFormProps) {
  const tr = (key: MessageKey, ...subs: (string | number)[]) => t(key, lang, ...subs);
  const [site, setSite] = useState('');
  const [siteError, setSiteError] = useState<string | null>(null);
  const set = (change: Partial<Settings>) => onChange({ ...s, ...change });

  const radios = <T extends string>(name: string, legend: MessageKey, choices: Choice<T>[], value: T) => (
    <fieldset class="radios">
      <legend>{tr(legend)}</legend>
      {choices.map((c) => (
        <label key={c.value}>
          <input
            type="radio"
            name={name}
            value={c.value}
            checked={value === c.value}
            onChange={() => set({ [name]: c.value } as Partial<Settings>)}
          />{' '}
          {tr(c.label)}
        </label>
      ))}
    </fieldset>
  );

  const addSite = (e: Event) => {
    e.preventDefault();
    const pattern = parseSitePattern(site);
    if (pattern === null) {
      setSiteError(tr('optionsSiteInvalid', site.trim()));
      return;
    }
    if (s.pausedSites.includes(pattern)) {
      setSiteError(tr('optionsSiteDuplicate', pattern));
      return;
    }
    setSiteError(null);
    setSite('');
    set({ pausedSites: [...s.pausedSites, pattern] });
  };

  return (
    <div class="options-form">
      <fieldset>
        <legend>{tr('optionsGeneralLegend')}</legend>
        <Checkbox
          name="enabled"
          label={tr('commonEnabled')}
          checked={s.enabled}
          onChange={(on) => set({ enabled: on })}
        />
        <Checkbox
          name="badge"
          label={tr('commonBadge')}
          checked={s.badge}
          onChange={(on) => set({ badge: on })}
        />
      </fieldset>

      <fieldset>
        <legend>{tr('optionsCategoriesLegend')}</legend>
        <ul class="categories">
          {CATEGORIES.map((c) => (
            <li key={c}>
              <label>
                <input
                  type="checkbox"
                  name={`category-${c}`}
                  checked={s.categories[c]}
                  aria-describedby={`preview-${c}`}
                  onChange={(e) => set({ categories: { ...s.categories, [c]: e.currentTarget.checked } })}
                />{' '}
                {tr(CATEGORY_LABEL[c])}
              </label>
              <p class="preview" id={`preview-${c}`} data-enabled={String(s.enabled && s.categories[c])}>
                <HighlightPreview
                  text={tr('optionsPreview', '\u0000')}
                  name={samples[c] ?? tr(CATEGORY_LABEL[c])}
                  category={c}
                  style={s.style}
                  on={s.enabled && s.categories[c]}
                />
              </p>
            </li>
          ))}
        </ul>
      </fieldset>

      <fieldset>
        <legend>{tr('optionsHighlightLegend')}</legend>
        {radios('mode', 'optionsMode', MODES, s.mode)}
        {radios('style', 'optionsStyle', STYLES, s.style)}
        <Checkbox
          name="contextEverywhere"
          label={tr('optionsContextEverywhere')}
          help={tr('optionsContextEverywhereHelp')}
          checked={s.contextEverywhere}
          onChange={(on) => set({ contextEverywhere: on })}
        />
        <div class="field">
          <label for="hover-delay">{tr('optionsHoverDelay')}</label>
          <input
            id="hover-delay"
            type="range"
            name="hoverDelay"
            min={HOVER_DELAY_MIN}
            max={HOVER_DELAY_MAX}
            step={50}
            value={s.hoverDelay}
            aria-valuetext={tr('optionsHoverDelayValue', s.hoverDelay)}
            onInput={(e) => set({ hoverDelay: Number(e.currentTarget.value) })}
          />{' '}
          <output for="hover-delay">{tr('optionsHoverDelayValue', s.hoverDelay)}</output>
        </div>
      </fieldset>

      <fieldset>
        <legend>{tr('optionsAppearanceLegend')}</legend>
        {radios('theme', 'optionsTheme', THEMES, s.theme)}
        <div class="field">
          <label for="language">{tr('optionsLanguage')}</label>{' '}
          <select
            id="language"
            name="language"
            value={s.language}
            onChange={(e) => set({ language: e.currentTarget.value as LanguagePref })}
          >
            {LANGUAGES.map((l) => (
              <option key={l.value} value={l.value} lang={l.value === 'auto' ? undefined : l.value}>
                {tr(l.label)}
              </option>
            ))}
          </select>
        </div>
      </fieldset>

      <fieldset>
        <legend>{tr('optionsSitesLegend')}</legend>
        {s.pausedSites.length === 0 ? (
          <p class="muted">{tr('optionsSitesNone')}</p>
        ) : (
          <ul class="sites">
            {s.pausedSites.map((p) => (
              <li key={p} data-site={p}>
                <span>{p}</span>{' '}
                <button
                  type="button"
                  onClick={() => set({ pausedSites: s.pausedSites.filter((x) => x !== p) })}
                >
                  {tr('optionsSiteRemove', p)}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form class="add-site" onSubmit={addSite} noValidate>
          <label class="add-site-label" for="add-site">
            {tr('optionsSiteAddLabel')}
          </label>
          <div class="row">
            <input
              id="add-site"
              name="add-site"
              type="text"
              inputMode="url"
              autoComplete="off"
              spellcheck={false}
              placeholder="example.com"
              value={site}
              aria-invalid={siteError !== null}
              aria-describedby={siteError !== null ? 'add-site-error add-site-help' : 'add-site-help'}
              onInput={(e) => {
                setSite(e.currentTarget.value);
                if (siteError) setSiteError(null);
              }}
            />{' '}
            <button type="submit">{tr('optionsSiteAdd')}</button>
          </div>
          <p id="add-site-help" class="muted">
            {tr('optionsSiteHelp')}
          </p>
          {siteError !== null && (
            <p id="add-site-error" class="error" role="alert">
              {siteError}
            </p>
          )}
        </form>
      </fieldset>

      <fieldset>
        <legend>{tr('optionsShortcutLegend')}</legend>
        <p>
          {tr(
            'optionsShortcutCurrent',
            shortcut === null ? tr('commonLoading') : shortcut === '' ? tr('optionsShortcutNone') : shortcut,
          )}
        </p>
        <button type="button" onClick={onOpenShortcuts}>
          {tr('optionsShortcutChange')}
        </button>
      </fieldset>
    </div>
  );
}
