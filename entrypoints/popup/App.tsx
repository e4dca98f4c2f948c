import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { EntityView } from '../../components/EntityView';
import { t } from '../../components/i18n';
import { OnThisPage, type TabState } from '../../components/OnThisPage';
import { QuickSettings } from '../../components/QuickSettings';
import { SearchPanel, type SearchResult } from '../../components/SearchPanel';
import { useSettings, useSettingsPage } from '../../components/use-settings';
import type { ContentRequest, PageSummary } from '../../data/messages';
import { createSearch } from '../../data/search';
import { isSitePaused, parseSitePattern, type Settings } from '../../data/settings';
import { updateSettings } from '../../data/settings-storage';
import type { Category, Entity } from '../../data/types';

/** Props of the popup: the dataset and where it was opened. */
export type AppProps = {
  entities: readonly Entity[];
  /** `location.search`: `?tab=<id>` targets that tab instead of the active one (tests, popup in a tab). */
  search?: string;
  /** `location.hash`: `#entity=<id>` opens straight into that entity. */
  hash?: string;
};

/** Most results a query shows; the list is for picking, not browsing the whole dataset. */
export const MAX_RESULTS = 50;

function entityFromHash(hash: string): string | null {
  const m = /(?:^#|&)entity=([^&]+)/.exec(hash);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}

async function targetTab(search: string): Promise<number | null> {
  const param = new URLSearchParams(search).get('tab');
  if (param && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

async function send<T>(tabId: number, message: ContentRequest): Promise<T | undefined> {
  return (await browser.tabs.sendMessage(tabId, message)) as T | undefined;
}

/** True when a pattern covers the host (the same rule the content script uses). */
const covers = (pattern: string, host: string, base: Settings) =>
  isSitePaused({ ...base, pausedSites: [pattern] }, host);

/** The popup: search, the entity view, "on this page" and the quick switches. */
export function App({ entities, search = '', hash = '' }: AppProps) {
  const [settings] = useSettings();
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Category[]>([]);
  const [active, setActive] = useState(0);
  const [view, setView] = useState<string | null>(() => entityFromHash(hash));
  const [page, setPage] = useState<TabState>({ kind: 'loading' });
  const tabId = useRef<number | null>(null);

  const byId = useMemo(() => new Map(entities.map((e) => [e.id, e])), [entities]);
  const index = useMemo(() => createSearch(entities), [entities]);
  const lang = useSettingsPage(settings, 'extName');

  const refreshPage = async () => {
    try {
      tabId.current ??= await targetTab(search);
      if (tabId.current === null) throw new Error('no tab');
      const summary = await send<PageSummary>(tabId.current, { type: 'get-page-summary' });
      // No answer means no content script in that tab: a page where extensions cannot run.
      setPage(summary?.entities ? { kind: 'ready', summary } : { kind: 'restricted' });
    } catch {
      setPage({ kind: 'restricted' });
    }
  };

  useEffect(() => {
    void refreshPage();
    // autofocus alone is not reliable for elements rendered after load (the toolbar popup).
    if (view) document.getElementById('entity-name')?.focus();
    else document.getElementById('search-input')?.focus();
  }, []);

  // The content script rescans when settings change; ask again shortly after so counts follow.
  const settingsKey = settings ? JSON.stringify(settings) : '';
  useEffect(() => {
    if (!settingsKey) return;
    const timer = setTimeout(() => void refreshPage(), 400);
    return () => clearTimeout(timer);
  }, [settingsKey]);

  useEffect(() => {
    const onHash = () => setView(entityFromHash(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  const results: SearchResult[] = useMemo(() => {
    const es = lang === 'es';
    return index
      .search(query, filter)
      .slice(0, MAX_RESULTS)
      .flatMap((h) => {
        const e = byId.get(h.id);
        return e
          ? [{ id: e.id, name: e.name, category: e.category, summary: (es && e.es?.summary) || e.summary }]
          : [];
      });
  }, [index, byId, query, filter, lang]);

  const openEntity = (id: string | null) => {
    setView(id);
    history.replaceState(
      null,
      '',
      id ? `#entity=${encodeURIComponent(id)}` : `${location.pathname}${location.search}`,
    );
    requestAnimationFrame(() => {
      const target = id ? document.getElementById('entity-name') : document.getElementById('search-input');
      target?.focus();
      if (id) scrollTo(0, 0);
    });
  };

  useEffect(() => {
    if (!view) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        openEntity(null);
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [view]);

  const host = page.kind === 'ready' ? page.summary.host : '';
  const paused = settings !== null && host !== '' && isSitePaused(settings, host);

  const togglePause = () => {
    if (!host) return;
    void updateSettings((s) =>
      isSitePaused(s, host)
        ? { ...s, pausedSites: s.pausedSites.filter((p) => !covers(p, host, s)) }
        : { ...s, pausedSites: [...s.pausedSites, parseSitePattern(host) ?? host] },
    );
  };

  const viewed = view ? byId.get(view) : undefined;

  return (
    <main class="popup">
      <header class="top">
        <h1>{t('extName', lang)}</h1>
      </header>
      {view ? (
        viewed ? (
          <EntityView
            lang={lang}
            entity={viewed}
            lookup={(id) => byId.get(id)}
            onOpen={openEntity}
            onBack={() => openEntity(null)}
          />
        ) : (
          <div class="entity-missing">
            <p class="notice">{t('popupUnknownEntity', lang, view)}</p>
            <button type="button" class="back" onClick={() => openEntity(null)}>
              ← {t('popupBack', lang)}
            </button>
          </div>
        )
      ) : (
        <>
          <SearchPanel
            lang={lang}
            query={query}
            filter={filter}
            results={results}
            active={Math.min(active, Math.max(results.length - 1, 0))}
            onQuery={(q) => {
              setQuery(q);
              setActive(0);
            }}
            onToggleCategory={(c) => {
              setFilter((f) => (f.includes(c) ? f.filter((x) => x !== c) : [...f, c]));
              setActive(0);
            }}
            onActive={setActive}
            onOpen={openEntity}
          />
          {query.trim() === '' && (
            <>
              <p class="hint">{t('popupHint', lang)}</p>
              <OnThisPage
                lang={lang}
                page={page}
                paused={paused}
                enabled={settings?.enabled ?? true}
                onJump={(id) => {
                  if (tabId.current !== null)
                    void send(tabId.current, { type: 'jump-to', id }).catch(() => undefined);
                }}
                onOpen={openEntity}
                onTogglePause={togglePause}
                onShowQuiet={() => {
                  if (tabId.current === null) return;
                  void send(tabId.current, { type: 'show-quiet' })
                    .then(() => refreshPage())
                    .catch(() => undefined);
                }}
              />
            </>
          )}
        </>
      )}
      {settings && (
        <QuickSettings
          lang={lang}
          enabled={settings.enabled}
          badge={settings.badge}
          onEnabled={(on) => void updateSettings((s) => ({ ...s, enabled: on }))}
          onBadge={(on) => void updateSettings((s) => ({ ...s, badge: on }))}
          onOpenOptions={() => void browser.runtime.openOptionsPage()}
        />
      )}
    </main>
  );
}
