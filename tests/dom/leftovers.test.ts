import { describe, expect, test } from 'vitest';
import { Matcher } from '../../data/matcher';
import { earlierCopyRan, removeLeftovers } from '../../entrypoints/content/leftovers';
import { START_MARK } from '../../entrypoints/content/measures';
import type { Scanner } from '../../entrypoints/content/scan/scanner';
import { scannerFor } from '../engine';
import { BORDER_PATROL, SESSIONS } from '../match-entities';

const matcher = new Matcher([SESSIONS, BORDER_PATROL]);
/** A copy of the content script's scanner. */
const copyOfTheScript = () => scannerFor(matcher);

const ARTICLE =
  '<h1>Zero tolerance</h1><p id="a">Attorney General Jeff Sessions spoke, and <b>Jeff</b> Sessions left.</p>' +
  '<p id="b">The Border Patrol made arrests; Jeff Sessions and the Border Patrol, again.</p>';

const marked = () => [...document.querySelectorAll('backstory-mark')].map((m) => m.textContent);

describe('taking the page over from a copy stopped without cleaning up (Firefox reload or update)', () => {
  test('its marks are unwrapped and its card removed, text unchanged; the new copy marks the same names', () => {
    document.body.innerHTML = ARTICLE;
    const text = document.body.textContent;
    const old = copyOfTheScript();
    old.scan(document.body);
    const before = marked();
    expect(before.length).toBeGreaterThanOrEqual(4);
    // The old copy's card, left open (or hidden mid warm-up) when its code stopped.
    document.documentElement.append(document.createElement('backstory-card'));

    expect(removeLeftovers(document)).toEqual({ marks: before.length, cards: 1 });
    expect(document.querySelectorAll('backstory-mark, backstory-card')).toHaveLength(0);
    expect(document.body.textContent).toBe(text);

    const fresh = copyOfTheScript();
    fresh.scan(document.body);
    expect(marked()).toEqual(before);
    const entities = (sc: Scanner) => sc.shown().map((m) => m.mention.entity);
    expect(entities(fresh)).toEqual(entities(old));
    expect(entities(fresh)).toContain('border-patrol');
    expect(document.body.textContent).toBe(text);
  });

  test("the page's own text nodes stay the same objects (a framework holding one still holds a live node)", () => {
    document.body.innerHTML =
      '<p>Before <backstory-mark data-entity="x">Jeff Sessions</backstory-mark> after</p>';
    const p = document.querySelector('p') as HTMLParagraphElement;
    const [first, , last] = [...p.childNodes];
    removeLeftovers(document);
    expect(p.childNodes[0]).toBe(first);
    expect(p.childNodes[2]).toBe(last);
    expect(p.textContent).toBe('Before Jeff Sessions after');
    expect(p.querySelector('*')).toBeNull();
  });

  test('nested marks come out whole, and a page with none is left alone', () => {
    document.body.innerHTML =
      '<p>A <backstory-mark>B <backstory-mark>C</backstory-mark> D</backstory-mark> E</p><backstory-mark>F</backstory-mark>';
    expect(removeLeftovers(document)).toEqual({ marks: 3, cards: 0 });
    expect(document.body.innerHTML).toBe('<p>A B C D E</p>F');
    const html = document.body.innerHTML;
    expect(removeLeftovers(document)).toEqual({ marks: 0, cards: 0 });
    expect(document.body.innerHTML).toBe(html);
  });

  test("an earlier copy is known by its start mark on the page's timeline", () => {
    performance.clearMarks(START_MARK);
    expect(earlierCopyRan()).toBe(false);
    performance.mark(START_MARK);
    expect(earlierCopyRan()).toBe(true);
    performance.clearMarks(START_MARK);
  });
});
