import type { JSX } from 'preact';
import { type AsOf, ageUnit, keyFacts } from '../data/as-of';
import type { Category, Entity, Lang, Source } from '../data/types';
import { isHttps, reportUrl, statuteLinks } from './card-links';
import { type MessageKey, t } from './i18n';

/** A related entity the card can switch to. */
export interface CardRelated {
  id: string;
  name: string;
}

/** Everything the card shows; it renders these and nothing else (the controller owns state). */
export interface CardProps {
  /** The entity, or null while its data loads or when there is none. */
  entity: Entity | null;
  /** True while the entity's data is on its way. */
  loading?: boolean;
  lang: Lang;
  /** Time context, computed by the controller (null while loading). */
  asOf: AsOf | null;
  /** The highlighted text, and what the mark says about it. */
  mention: { text: string; detail?: string; coref?: boolean };
  /** Which mention of this entity the card is anchored to (1-based), of how many. */
  mentionIndex: number;
  mentionCount: number;
  related: CardRelated[];
  /** Id of the heading that names the dialog. */
  headingId: string;
  /** The page's URL, for the problem report. */
  pageUrl: string;
  onClose: () => void;
  onPrev: () => void;
  onNext: () => void;
  onShowAll: () => void;
  onOpenInBackstory: () => void;
  onRelated: (id: string) => void;
  /** Called with the mailto: URL of a problem report, built at click time. */
  onReport: (mailto: string) => void;
}

const CATEGORY_KEYS: Record<Category, MessageKey> = {
  policy: 'cardCategoryPolicy',
  official: 'cardCategoryOfficial',
  person: 'cardCategoryPerson',
  statute: 'cardCategoryStatute',
  case: 'cardCategoryCase',
  agency: 'cardCategoryAgency',
  organization: 'cardCategoryOrganization',
  event: 'cardCategoryEvent',
};

const NEW_TAB = { target: '_blank', rel: 'noopener noreferrer' } as const;

function ageText(days: number, lang: Lang): string {
  const { unit, value } = ageUnit(days);
  if (unit === 'days') return value === 1 ? t('cardAgeDay', lang) : t('cardAgeDays', lang, value);
  return t(unit === 'months' ? 'cardAgeMonths' : 'cardAgeYears', lang, value);
}

/** The hover card: name, category, summary, time context, sourced facts and numbered references. */
export function Card(props: CardProps) {
  const { entity, lang, asOf, mention } = props;
  if (!entity)
    return (
      <div data-card data-entity="" role="dialog" aria-labelledby={props.headingId} class="card">
        <div class="head">
          <h2 id={props.headingId} tabIndex={-1} class="name">
            {props.loading ? t('cardLoading', lang) : t('cardUnavailable', lang)}
          </h2>
          <button type="button" class="close" aria-label={t('cardClose', lang)} onClick={props.onClose}>
            ×
          </button>
        </div>
      </div>
    );

  const es = lang === 'es' ? entity.es : undefined;
  const sources = new Map<string, Source>();
  for (const s of entity.sources) if (isHttps(s.url)) sources.set(s.id, s);
  // Numbered in order of first citation, so [1] is the first source the reader meets.
  const numbers = new Map<string, number>();
  const cite = (ids: string[]) =>
    ids
      .filter((id) => sources.has(id))
      .map((id) => {
        if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
        return id;
      });
  const refs = (ids: string[]) =>
    cite(ids).map((id) => {
      const n = numbers.get(id)!;
      return (
        <a
          key={id}
          class="ref"
          href={sources.get(id)!.url}
          {...NEW_TAB}
          aria-label={t('cardSourceRef', lang, n)}
        >
          [{n}]
        </a>
      );
    });

  const roleSources = (title: string, from: string) =>
    entity.roles?.find((r) => r.title === title && r.from === from)?.sources ?? [];
  const factText = (index: number, text: string) => es?.facts[index] ?? text;

  const laterText = (index: number, text: string) => {
    const full = factText(index, text);
    return full.length <= 100 ? full : `${full.slice(0, full.lastIndexOf(' ', 97))}…`;
  };
  const asOfLines = asOf
    ? renderAsOf(asOf, lang, roleSources, refs, laterText, (i) => entity.facts[i]?.sources ?? [])
    : null;
  // Facts already listed under "Later" in the time context are not repeated.
  const shownLater = new Set(asOf?.pageDate ? asOf.later.map((f) => f.index) : []);
  const facts = keyFacts(entity, asOf?.pageDate ?? null).filter(
    ({ fact, index }) => !shownLater.has(index) && fact.sources.some((id) => sources.has(id)),
  );
  const factItems = facts.map(({ fact, index }) => (
    <li key={index} class={asOf?.pageDate && fact.date > asOf.pageDate ? 'fact later' : 'fact'}>
      <time dateTime={fact.date}>{fact.date}</time> {factText(index, fact.text)} {refs(fact.sources)}
    </li>
  ));
  const cited = [...numbers.keys()].map((id) => sources.get(id)!);
  const citation = entity.category === 'statute' ? entity.citation : undefined;
  const links = citation ? statuteLinks(citation) : null;

  return (
    <div
      data-card
      data-entity={entity.id}
      data-category={entity.category}
      lang={lang}
      role="dialog"
      aria-labelledby={props.headingId}
      class="card"
    >
      <div class="head">
        <p class="category">{t(CATEGORY_KEYS[entity.category], lang)}</p>
        <h2 id={props.headingId} tabIndex={-1} class="name">
          {entity.name}
        </h2>
        <button type="button" class="close" aria-label={t('cardClose', lang)} onClick={props.onClose}>
          ×
        </button>
      </div>
      <div class="body">
        <p class="summary">{es?.summary ?? entity.summary}</p>
        {mention.coref && (
          <p class="mention" data-coref-note>
            {t('cardCoref', lang, mention.text, entity.name)}
          </p>
        )}
        {mention.detail && (
          <p class="mention" data-detail-note>
            {t('cardCited', lang, mention.detail)}
          </p>
        )}
        {links && (
          <p class="mention" data-official-text>
            {t('cardOfficialText', lang)}{' '}
            <a href={links.cornell} {...NEW_TAB}>
              {t('cardCornell', lang)}
            </a>
            {' · '}
            <a href={links.house} {...NEW_TAB}>
              {t('cardHouse', lang)}
            </a>
          </p>
        )}
        {asOfLines}
        {factItems.length > 0 && (
          <section class="facts" aria-label={t('cardFacts', lang)}>
            <h3>{t('cardFacts', lang)}</h3>
            <ul>{factItems}</ul>
          </section>
        )}
        <div class="actions">
          {props.mentionCount > 0 && (
            <div class="mentions">
              <button type="button" class="link" data-action="show-all" onClick={props.onShowAll}>
                {t('cardShowMentions', lang, props.mentionCount)}
              </button>
              <span class="nav">
                <button
                  type="button"
                  data-action="prev"
                  aria-label={t('cardPrev', lang)}
                  onClick={props.onPrev}
                >
                  ‹
                </button>
                <span data-mention-index>
                  {t('cardMentionOf', lang, Math.max(props.mentionIndex, 1), props.mentionCount)}
                </span>
                <button
                  type="button"
                  data-action="next"
                  aria-label={t('cardNext', lang)}
                  onClick={props.onNext}
                >
                  ›
                </button>
              </span>
            </div>
          )}
          <button type="button" class="primary" data-action="open" onClick={props.onOpenInBackstory}>
            {t('cardOpenInBackstory', lang)}
          </button>
        </div>
        {props.related.length > 0 && (
          <section class="related" aria-label={t('cardRelated', lang)}>
            <h3>{t('cardRelated', lang)}</h3>
            <ul>
              {props.related.map((r) => (
                <li key={r.id}>
                  <button type="button" data-related={r.id} onClick={() => props.onRelated(r.id)}>
                    {r.name}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        {cited.length > 0 && (
          <section class="sources" aria-label={t('cardSources', lang)}>
            <h3>{t('cardSources', lang)}</h3>
            <ol>
              {cited.map((s) => (
                <li key={s.id} data-source={s.id}>
                  {s.publisher},{' '}
                  <a href={s.url} {...NEW_TAB}>
                    {s.title}
                  </a>
                  , <time dateTime={s.date}>{s.date}</time>
                </li>
              ))}
            </ol>
            <p class="hint">{t('cardNewTab', lang)}</p>
          </section>
        )}
        <p class="foot">
          <button
            type="button"
            class="link"
            data-action="report"
            onClick={() =>
              // The mail link is built only now, so the page URL never sits in the DOM before a click.
              props.onReport(
                reportUrl(
                  t('cardReportSubject', lang, entity.id),
                  t('cardReportBody', lang, entity.id, props.pageUrl),
                ),
              )
            }
          >
            {t('cardReport', lang)}
          </button>
          <span class="updated">{t('cardUpdated', lang, entity.updated)}</span>
        </p>
      </div>
    </div>
  );
}

function renderAsOf(
  a: AsOf,
  lang: Lang,
  roleSources: (title: string, from: string) => string[],
  refs: (ids: string[]) => JSX.Element[],
  laterText: (index: number, text: string) => string,
  factSources: (index: number) => string[],
) {
  const lines: JSX.Element[] = [];
  for (const r of a.roles) {
    if (r.status === 'held')
      lines.push(
        <span key={`r${r.title}`}>
          {t('cardRoleSince', lang, r.title, r.from)}
          {r.to && r.to > a.reference ? ` ${t('cardRoleLeft', lang, r.to)}` : ''}{' '}
          {refs(roleSources(r.title, r.from))}
        </span>,
      );
    else
      lines.push(
        <span key={`r${r.title}`}>
          {t('cardRoleEnded', lang, r.title, r.from, r.to ?? '')} {refs(roleSources(r.title, r.from))}
        </span>,
      );
  }
  if (a.roles.length === 0 && a.beforeRoles) lines.push(<span key="nr">{t('cardRoleNotYet', lang)}</span>);
  if (a.ageDays !== null && a.start)
    lines.push(<span key="age">{t('cardAge', lang, ageText(a.ageDays, lang), a.start)}</span>);
  if (a.daysUntilStart !== null && a.start)
    lines.push(<span key="ny">{t('cardNotYetStarted', lang, a.start, a.daysUntilStart)}</span>);
  const later =
    a.later.length > 0 ? (
      <ul class="later-list">
        {a.later.map((f) => (
          <li key={f.index}>
            <time dateTime={f.date}>{f.date}</time> {laterText(f.index, f.text)} {refs(factSources(f.index))}
          </li>
        ))}
        {a.laterCount > a.later.length && <li>{t('cardLaterMore', lang, a.laterCount - a.later.length)}</li>}
      </ul>
    ) : null;
  return (
    <section
      class="asof"
      data-as-of={a.pageDate ?? undefined}
      data-as-of-today={a.pageDate ? undefined : a.reference}
      aria-label={a.pageDate ? t('cardAsOfDated', lang, a.pageDate) : t('cardAsOfUndated', lang, a.reference)}
    >
      <p class="asof-head">
        {a.pageDate ? t('cardAsOfDated', lang, a.pageDate) : t('cardAsOfUndated', lang, a.reference)}
      </p>
      {lines.length > 0 && <p class="asof-lines">{lines}</p>}
      {later && (
        <div class="asof-later">
          <span>{t('cardLater', lang)}</span>
          {later}
        </div>
      )}
    </section>
  );
}
