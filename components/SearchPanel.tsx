import type { Lang } from '../data/types';
import { CATEGORIES, type Category } from '../data/types';
import { type MessageKey, t } from './i18n';
import { CATEGORY_LABEL } from './labels';

/** One result row: enough to show and open an entity. */
export interface SearchResult {
  id: string;
  name: string;
  category: Category;
  summary: string;
}

/** Props of the popup's search box, category chips and result listbox. */
export type SearchPanelProps = {
  lang: Lang;
  query: string;
  /** Categories the results are limited to; empty means all. */
  filter: readonly Category[];
  results: readonly SearchResult[];
  /** Index of the highlighted option, or -1. */
  active: number;
  onQuery: (query: string) => void;
  onToggleCategory: (category: Category) => void;
  onActive: (index: number) => void;
  onOpen: (id: string) => void;
  /** Esc on an empty query (the popup closes its view or leaves it be). */
  onEscape?: () => void;
};

/** Id of a result's option element, for aria-activedescendant. */
export const optionId = (id: string) => `result-${id}`;

/** The search box (a combobox over a listbox of results) and the category filter chips. */
export function SearchPanel(p: SearchPanelProps) {
  const tr = (key: MessageKey, ...subs: (string | number)[]) => t(key, p.lang, ...subs);
  const activeResult = p.results[p.active];
  const expanded = p.query.trim() !== '' && p.results.length > 0;

  const onKeyDown = (e: KeyboardEvent) => {
    const n = p.results.length;
    if (e.key === 'ArrowDown' && n > 0) {
      e.preventDefault();
      p.onActive((p.active + 1) % n);
    } else if (e.key === 'ArrowUp' && n > 0) {
      e.preventDefault();
      p.onActive(p.active <= 0 ? n - 1 : p.active - 1);
    } else if (e.key === 'Home' && n > 0 && e.ctrlKey) {
      e.preventDefault();
      p.onActive(0);
    } else if (e.key === 'End' && n > 0 && e.ctrlKey) {
      e.preventDefault();
      p.onActive(n - 1);
    } else if (e.key === 'Enter') {
      const r = p.results[p.active] ?? p.results[0];
      if (r) {
        e.preventDefault();
        p.onOpen(r.id);
      }
    } else if (e.key === 'Escape') {
      // Esc clears first; only an empty box lets Esc close the popup (the browser's default).
      if (p.query !== '') {
        e.preventDefault();
        p.onQuery('');
      } else p.onEscape?.();
    }
  };

  return (
    <section class="search" aria-label={tr('popupSearchLabel')}>
      <label class="visually-hidden" for="search-input">
        {tr('popupSearchLabel')}
      </label>
      <input
        id="search-input"
        type="search"
        aria-autocomplete="list"
        aria-controls="search-results"
        aria-activedescendant={expanded && activeResult ? optionId(activeResult.id) : undefined}
        autoComplete="off"
        spellcheck={false}
        placeholder={tr('popupSearchPlaceholder')}
        value={p.query}
        // biome-ignore lint/a11y/noAutofocus: the contract asks for focus in the search box on open
        autoFocus
        onInput={(e) => p.onQuery(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <fieldset class="chips">
        <legend class="visually-hidden">{tr('popupFilterLabel')}</legend>
        {CATEGORIES.map((c) => (
          <button
            key={c}
            type="button"
            class="chip"
            data-category={c}
            aria-pressed={p.filter.includes(c)}
            onClick={() => p.onToggleCategory(c)}
          >
            {tr(CATEGORY_LABEL[c])}
          </button>
        ))}
      </fieldset>
      {p.query.trim() !== '' && (
        <p class="status" role="status">
          {p.results.length === 0
            ? tr(p.filter.length > 0 ? 'popupNoResultsFiltered' : 'popupNoResults', p.query.trim())
            : tr('popupResultCount', p.results.length)}
        </p>
      )}
      <div
        id="search-results"
        role="listbox"
        class="results"
        aria-label={tr('popupResultsLabel')}
        hidden={!expanded}
      >
        {p.results.map((r, i) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard users drive the listbox from the search box
          <div
            key={r.id}
            id={optionId(r.id)}
            role="option"
            data-entity={r.id}
            data-category={r.category}
            tabIndex={-1}
            aria-selected={i === p.active}
            class="result"
            onClick={() => p.onOpen(r.id)}
            onMouseMove={() => i !== p.active && p.onActive(i)}
          >
            <span class="result-name">{r.name}</span>
            <span class="result-category" data-category={r.category}>
              {tr(CATEGORY_LABEL[r.category])}
            </span>
            <span class="result-summary">{r.summary}</span>
          </div>
        ))}
      </div>
    </section>
  );
}
