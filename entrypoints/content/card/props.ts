import { browser } from 'wxt/browser';
import type { CardProps } from '../../../components/Card';
import { uiLanguage } from '../../../components/i18n';
import { asOf, todayIso } from '../../../data/as-of';
import type { Settings } from '../../../data/settings';
import type { Entity } from '../../../data/types';
import { flash } from '../marks';
import { HEADING_ID } from './input';

/** An open card: its mark, the entity it shows (a related one after a click), and where it came from. */
export interface OpenCard {
  mark: HTMLElement;
  entityId: string;
  pointer: { x: number; y: number } | null;
  /** Where focus goes back to when the card closes with focus inside it. */
  returnFocus: HTMLElement | null;
}

/** What the props read, and the actions the card's buttons take. */
export interface PropsContext {
  entity: (id: string) => Entity | null | undefined;
  loaded: (id: string) => boolean;
  settings: Settings;
  marksFor: (id: string) => Element[];
  nameOf: (id: string) => string | undefined;
  pageDate: () => string | null;
  close: () => void;
  step: (dir: 1 | -1) => void;
  related: (id: string) => void;
  /** Where a report link is clicked from (the card's shadow root). */
  shadow: () => ShadowRoot | null;
}

/** The Card component's props for an open card. */
export function cardProps(c: OpenCard, ctx: PropsContext): CardProps {
  const entity = ctx.entity(c.entityId) ?? null;
  const marks = ctx.marksFor(c.entityId);
  const own = c.mark.getAttribute('data-entity') === c.entityId;
  return {
    entity,
    loading: !ctx.loaded(c.entityId),
    lang: uiLanguage(ctx.settings.language),
    asOf: entity ? asOf(entity, ctx.pageDate(), todayIso()) : null,
    mention: {
      text: c.mark.textContent ?? '',
      detail: own ? (c.mark.getAttribute('data-detail') ?? undefined) : undefined,
      coref: own && c.mark.getAttribute('data-coref') === 'true',
    },
    mentionIndex: marks.indexOf(c.mark) + 1,
    mentionCount: marks.length,
    related: (entity?.related ?? [])
      .map((id) => ({ id, name: ctx.entity(id)?.name ?? ctx.nameOf(id) ?? '' }))
      .filter((r) => r.name),
    headingId: HEADING_ID,
    pageUrl: location.href,
    onClose: ctx.close,
    onPrev: () => ctx.step(-1),
    onNext: () => ctx.step(1),
    onShowAll: () => {
      for (const m of ctx.marksFor(c.entityId)) if (m instanceof HTMLElement) flash(m);
    },
    onOpenInBackstory: () => {
      browser.runtime.sendMessage({ type: 'open-entity', id: c.entityId }).catch(() => undefined);
    },
    onReport: (mailto) => {
      const a = document.createElement('a');
      a.href = mailto;
      a.rel = 'noopener noreferrer';
      ctx.shadow()?.append(a);
      a.click();
      a.remove();
    },
    onRelated: ctx.related,
  };
}
