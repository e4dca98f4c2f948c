import type { PageSummary } from '../data/messages';
import type { Lang } from '../data/types';
import { CATEGORIES } from '../data/types';
import { type MessageKey, t } from './i18n';
import { CATEGORY_LABEL } from './labels';

/** What the popup knows about the active tab. */
export type TabState =
  | { kind: 'loading' }
  /** Content scripts cannot run there (browser pages, the extension store) or the tab is gone. */
  | { kind: 'restricted' }
  | { kind: 'ready'; summary: PageSummary };

/** Props of the "On this page" section. */
export type OnThisPageProps = {
  lang: Lang;
  page: TabState;
  /** Whether the page's host is paused (from settings, so it updates at once). */
  paused: boolean;
  /** Whether highlighting is on at all. */
  enabled: boolean;
  onJump: (id: string) => void;
  onOpen: (id: string) => void;
  onTogglePause: () => void;
  /** Shows the names kept quiet on this page. */
  onShowQuiet: () => void;
};

/** Entities found in the active tab, grouped by category with counts, and the per-site pause. */
export function OnThisPage({
  lang,
  page,
  paused,
  enabled,
  onJump,
  onOpen,
  onTogglePause,
  onShowQuiet,
}: OnThisPageProps) {
  const tr = (key: MessageKey, ...subs: (string | number)[]) => t(key, lang, ...subs);
  let body = <p class="muted">{tr('commonLoading')}</p>;
  if (page.kind === 'restricted')
    body = (
      <p class="notice" data-state="restricted">
        {tr('popupRestricted')}
      </p>
    );
  else if (page.kind === 'ready') {
    const s = page.summary;
    const groups = CATEGORIES.map((c) => ({ c, items: s.entities.filter((e) => e.category === c) })).filter(
      (g) => g.items.length > 0,
    );
    body = (
      <>
        {s.host && (
          <p class="site">
            <button
              type="button"
              class="pause"
              aria-pressed={paused}
              data-host={s.host}
              onClick={onTogglePause}
            >
              {tr(paused ? 'popupResume' : 'popupPause', s.host)}
            </button>
          </p>
        )}
        {!enabled && <p class="notice">{tr('popupDisabledNotice')}</p>}
        {enabled && paused && <p class="notice">{tr('popupPausedNotice', s.host)}</p>}
        {!paused && enabled && s.quiet.length > 0 && (
          <div class="quiet" data-state="quiet">
            <p class="notice">
              {tr(
                'popupQuietNotice',
                s.quiet.reduce((n, q) => n + q.count, 0),
                s.quiet.map((q) => q.name).join(', '),
              )}
            </p>
            <button type="button" class="show-quiet" onClick={onShowQuiet}>
              {tr('popupShowQuiet')}
            </button>
          </div>
        )}
        {!paused && enabled && groups.length === 0 && (
          <p class="muted" data-state="empty">
            {tr('popupOnThisPageNone')}
          </p>
        )}
        {!paused && enabled && groups.length > 0 && (
          <>
            <p class="muted">{tr('popupOnThisPageCount', s.total, s.entities.length)}</p>
            {groups.map((g) => (
              <section key={g.c} class="page-group" aria-labelledby={`group-${g.c}`}>
                <h3 id={`group-${g.c}`} data-category={g.c}>
                  {tr(CATEGORY_LABEL[g.c])}{' '}
                  <span class="count">({g.items.reduce((n, e) => n + e.count, 0)})</span>
                </h3>
                <ul>
                  {g.items.map((e) => (
                    <li key={e.id} class="page-entity">
                      <button
                        type="button"
                        class="jump"
                        data-entity={e.id}
                        title={tr('popupJumpTo', e.name, e.count)}
                        onClick={() => onJump(e.id)}
                      >
                        <span>{e.name}</span> <span class="count">{e.count}</span>
                      </button>
                      <button
                        type="button"
                        class="info"
                        data-open={e.id}
                        aria-label={tr('popupDetails', e.name)}
                        onClick={() => onOpen(e.id)}
                      >
                        i
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </>
        )}
      </>
    );
  }
  return (
    <section class="on-this-page" aria-labelledby="otp-h">
      <h2 id="otp-h">{tr('popupOnThisPage')}</h2>
      {body}
    </section>
  );
}
