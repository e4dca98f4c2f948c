import { render } from 'preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { Card, type CardProps } from '../../components/Card';
import { asOf } from '../../data/as-of';
import type { Entity } from '../../data/types';
import { statute } from './entities';

const entity: Entity = {
  id: 'jeff-sessions',
  category: 'official',
  scope: 'core',
  name: 'Jeff Sessions',
  aliases: ['Jeff Sessions'],
  summary: 'Attorney general from 2017 to 2018.',
  roles: [{ title: 'U.S. Attorney General', from: '2017-02-09', to: '2018-11-07', sources: ['bio'] }],
  facts: [
    { text: 'Announced the zero-tolerance policy.', date: '2018-04-06', sources: ['pr'] },
    { text: 'An unsourced rumour.', date: '2018-05-01', sources: ['nowhere'] },
    { text: 'Resigned.', date: '2018-11-07', sources: ['pr', 'news'] },
  ],
  sources: [
    {
      id: 'bio',
      title: 'Official bio',
      publisher: 'DOJ',
      date: '2017-02-09',
      url: 'https://justice.gov/bio',
      kind: 'primary',
    },
    {
      id: 'pr',
      title: 'Press release',
      publisher: 'DOJ',
      date: '2018-04-06',
      url: 'https://justice.gov/pr',
      kind: 'primary',
    },
    {
      id: 'news',
      title: 'News story',
      publisher: 'Paper',
      date: '2018-11-07',
      url: 'https://paper.example/x',
      kind: 'secondary',
    },
  ],
  related: ['usc-8-1325'],
  es: {
    summary: 'Fiscal general de 2017 a 2018.',
    facts: ['Anunció la política de tolerancia cero.', 'Un rumor sin fuente.', 'Renunció.'],
  },
  updated: '2026-11-23',
};

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

function mount(over: Partial<CardProps> = {}): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  const props: CardProps = {
    entity,
    lang: 'en',
    asOf: asOf(entity, '2018-06-15', '2026-11-23'),
    mention: { text: 'Jeff Sessions' },
    mentionIndex: 1,
    mentionCount: 3,
    related: [{ id: 'usc-8-1325', name: '8 U.S.C. § 1325' }],
    headingId: 'h',
    pageUrl: 'https://news.example/story',
    onClose: vi.fn(),
    onPrev: vi.fn(),
    onNext: vi.fn(),
    onShowAll: vi.fn(),
    onOpenInBackstory: vi.fn(),
    onRelated: vi.fn(),
    onReport: vi.fn(),
    ...over,
  };
  render(<Card {...props} />, root);
  return root.querySelector('[data-card]') as HTMLElement;
}

describe('Card', () => {
  test('renders name, category, summary, and is a labelled non-modal dialog', () => {
    const card = mount();
    expect(card.getAttribute('data-entity')).toBe('jeff-sessions');
    expect(card.getAttribute('role')).toBe('dialog');
    expect(card.hasAttribute('aria-modal')).toBe(false);
    expect(card.getAttribute('aria-labelledby')).toBe('h');
    expect(card.querySelector('#h')?.textContent).toBe('Jeff Sessions');
    expect(card.querySelector('.category')?.textContent).toBe('Official');
    expect(card.textContent).toContain('Attorney general from 2017 to 2018.');
  });

  test('facts carry numbered references; numbered sources open in a new tab without opener', () => {
    const card = mount({ asOf: asOf(entity, null, '2026-11-23') });
    const facts = [...card.querySelectorAll('.facts li')].map((li) => li.textContent);
    // The role in the time context cites [1]; facts continue the numbering in reading order.
    expect(facts).toEqual([
      '2018-04-06 Announced the zero-tolerance policy. [2]',
      '2018-11-07 Resigned. [2][3]',
    ]);
    const items = [...card.querySelectorAll('.sources li')];
    expect(items.map((li) => li.getAttribute('data-source'))).toEqual(['bio', 'pr', 'news']);
    expect(items[1]?.textContent).toBe('DOJ, Press release, 2018-04-06');
    expect(card.querySelector('.sources a[href="https://justice.gov/pr"]')?.textContent).toBe(
      'Press release',
    );
    for (const a of card.querySelectorAll('a[target]')) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
      expect(a.getAttribute('href')).toMatch(/^https:\/\//);
    }
  });

  test('a fact without a source is never shown', () => {
    const card = mount({ asOf: asOf(entity, null, '2026-11-23') });
    expect(card.textContent).not.toContain('unsourced rumour');
  });

  test('as-of text on a dated page, with the role and its end', () => {
    const card = mount();
    const box = card.querySelector('[data-as-of]');
    expect(box?.getAttribute('data-as-of')).toBe('2018-06-15');
    expect(box?.textContent).toContain("At this article's date (2018-06-15):");
    expect(box?.textContent).toContain('U.S. Attorney General, since 2017-02-09. Left 2018-11-07.');
    expect(box?.textContent).toContain('Later:2018-11-07 Resigned.');
  });

  test('as-of text on an undated page says so and uses today', () => {
    const card = mount({ asOf: asOf(entity, null, '2026-11-23') });
    expect(card.querySelector('[data-as-of]')).toBeNull();
    expect(card.textContent).toContain('No date on this page; as of today (2026-11-23):');
    expect(card.textContent).toContain('Formerly U.S. Attorney General (2017-02-09 to 2018-11-07).');
  });

  test('a policy or statute shows its age', () => {
    const card = mount({ entity: statute, asOf: asOf(statute, '2018-06-15', '2026-11-23'), related: [] });
    expect(card.textContent).toContain('It was 65 years old (from 1952-06-27).');
  });

  test('statute mention: cited subsection and official text links', () => {
    const card = mount({
      entity: statute,
      asOf: null,
      mention: { text: '§ 1325(a)(2)', detail: '§ 1325(a)(2)' },
      related: [],
    });
    expect(card.querySelector('[data-detail-note]')?.textContent).toBe('Cited here: § 1325(a)(2)');
    expect([...card.querySelectorAll('[data-official-text] a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://www.law.cornell.edu/uscode/text/8/1325',
      'https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title8-section1325&num=0&edition=prelim',
    ]);
  });

  test('coreference: the surname gets the full name', () => {
    const card = mount({ mention: { text: 'Sessions', coref: true } });
    expect(card.querySelector('[data-coref-note]')?.textContent).toBe(
      '“Sessions” here refers to Jeff Sessions.',
    );
  });

  test('Spanish: UI strings and entity text', () => {
    const card = mount({ lang: 'es', asOf: asOf(entity, null, '2026-11-23') });
    expect(card.getAttribute('lang')).toBe('es');
    expect(card.querySelector('.category')?.textContent).toBe('Cargo público');
    expect(card.textContent).toContain('Fiscal general de 2017 a 2018.');
    expect(card.textContent).toContain('Anunció la política de tolerancia cero.');
    expect(card.textContent).toContain('Esta página no tiene fecha; a día de hoy (2026-11-23):');
    expect(card.textContent).not.toContain('Announced the zero-tolerance policy.');
  });

  test('actions call back; the report mail link exists only after a click', () => {
    const onNext = vi.fn();
    const onRelated = vi.fn();
    const onOpenInBackstory = vi.fn();
    const onReport = vi.fn();
    const card = mount({ onNext, onRelated, onOpenInBackstory, onReport });
    expect(card.querySelector('[data-mention-index]')?.textContent).toBe('Mention 1 of 3 on this page');
    (card.querySelector('[data-action="next"]') as HTMLElement).click();
    (card.querySelector('[data-related="usc-8-1325"]') as HTMLElement).click();
    (card.querySelector('[data-action="open"]') as HTMLElement).click();
    expect(onNext).toHaveBeenCalledOnce();
    expect(onRelated).toHaveBeenCalledWith('usc-8-1325');
    expect(onOpenInBackstory).toHaveBeenCalledOnce();
    expect(card.querySelector('a[href^="mailto:"]')).toBeNull();
    expect(card.textContent).not.toContain('news.example');
    (card.querySelector('[data-action="report"]') as HTMLElement).click();
    expect(onReport).toHaveBeenCalledOnce();
    const href = String(onReport.mock.calls[0]?.[0]);
    expect(href.startsWith('mailto:backstory-data@proton.me?subject=')).toBe(true);
    expect(decodeURIComponent(href)).toContain('jeff-sessions');
    expect(decodeURIComponent(href)).toContain('https://news.example/story');
  });

  test('loading and missing data render a labelled dialog', () => {
    const card = mount({ entity: null, loading: true, asOf: null });
    expect(card.getAttribute('role')).toBe('dialog');
    expect(card.querySelector('#h')?.textContent).toBe('Loading…');
  });
});
