import type { Category, Entity, Lang } from '../data/types';
import { type MessageKey, t } from './i18n';
import { CATEGORY_LABEL } from './labels';

/** Props of the full view of one entity. */
export type EntityViewProps = {
  lang: Lang;
  entity: Entity;
  /** Name and category of every entity, to label related links. */
  lookup: (id: string) => { name: string; category: Category } | undefined;
  onOpen: (id: string) => void;
  onBack: () => void;
};

/** Everything about one entity: summary, all facts, roles over time, all sources, related entities. */
export function EntityView({ lang, entity: e, lookup, onOpen, onBack }: EntityViewProps) {
  const tr = (key: MessageKey, ...subs: (string | number)[]) => t(key, lang, ...subs);
  const es = lang === 'es' ? e.es : undefined;
  // Facts cite sources by id; readers see them as [1], [2] in the order of the source list.
  const number = new Map(e.sources.map((s, i) => [s.id, i + 1]));
  const refs = (ids: string[]) =>
    ids
      .filter((id) => number.has(id))
      .map((id) => (
        <a
          key={id}
          class="ref"
          href={`#src-${e.id}-${id}`}
          aria-label={tr('popupSourceRef', number.get(id) ?? '')}
        >
          [{number.get(id)}]
        </a>
      ));
  const roles = [...(e.roles ?? [])].sort((a, b) => a.from.localeCompare(b.from));
  const facts = e.facts
    .map((f, i) => ({ ...f, shown: es?.facts[i] ?? f.text }))
    .sort((a, b) => a.date.localeCompare(b.date));
  const related = e.related.map((id) => ({ id, info: lookup(id) })).filter((r) => r.info);

  return (
    <article class="entity" data-entity={e.id} data-category={e.category} aria-labelledby="entity-name">
      <button type="button" class="back" onClick={onBack}>
        ← {tr('popupBack')}
      </button>
      <header>
        <h2 id="entity-name" tabIndex={-1}>
          {e.name}
        </h2>
        <span class="badge" data-category={e.category}>
          {tr(CATEGORY_LABEL[e.category])}
        </span>
      </header>
      <p class="summary" lang={es ? 'es' : 'en'}>
        {es?.summary ?? e.summary}
      </p>

      {roles.length > 0 && (
        <section aria-labelledby="roles-h">
          <h3 id="roles-h">{tr('popupRoles')}</h3>
          <ol class="roles">
            {roles.map((r) => (
              <li key={`${r.title}-${r.from}`}>
                <span class="dates">
                  {r.to ? (
                    <>
                      <time dateTime={r.from}>{r.from}</time> – <time dateTime={r.to}>{r.to}</time>
                    </>
                  ) : (
                    tr('popupRoleSince', r.from)
                  )}
                </span>{' '}
                <span lang="en">{r.title}</span> {refs(r.sources)}
              </li>
            ))}
          </ol>
        </section>
      )}

      <section aria-labelledby="facts-h">
        <h3 id="facts-h">{tr('popupFacts')}</h3>
        <ol class="facts">
          {facts.map((f) => (
            <li key={`${f.date}-${f.text}`}>
              <time dateTime={f.date}>{f.date}</time> <span lang={es ? 'es' : 'en'}>{f.shown}</span>{' '}
              {refs(f.sources)}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="sources-h">
        <h3 id="sources-h">{tr('popupSources')}</h3>
        <ol class="sources">
          {e.sources.map((s) => (
            <li key={s.id} id={`src-${e.id}-${s.id}`} data-source={s.id}>
              <a href={s.url} target="_blank" rel="noopener noreferrer">
                {s.title}
                <span class="visually-hidden"> {tr('commonNewTab')}</span>
              </a>
              <span class="source-meta">
                {s.publisher} · <time dateTime={s.date}>{s.date}</time> ·{' '}
                {tr(s.kind === 'primary' ? 'popupSourcePrimary' : 'popupSourceSecondary')}
              </span>
            </li>
          ))}
        </ol>
      </section>

      {related.length > 0 && (
        <section aria-labelledby="related-h">
          <h3 id="related-h">{tr('popupRelated')}</h3>
          <ul class="related">
            {related.map(({ id, info }) => (
              <li key={id}>
                <a
                  href={`#entity=${encodeURIComponent(id)}`}
                  data-entity={id}
                  data-category={info?.category}
                  onClick={(ev) => {
                    ev.preventDefault();
                    onOpen(id);
                  }}
                >
                  {info?.name}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p class="updated">{tr('popupUpdated', e.updated)}</p>
    </article>
  );
}
