import { describe, expect, test } from 'vitest';
import { createPageState, Matcher } from '../../data/matcher';
import { defaultSettings, type Settings } from '../../data/settings';
import type { Scanner } from '../../entrypoints/content/scan/scanner';
import { engineFor, scannerFor } from '../engine';
import { BORDER_PATROL, GEE, ICE, TRUMP } from '../match-entities';

const matcher = new Matcher([TRUMP, GEE, ICE, BORDER_PATROL]);

/**
 * A scanner whose engine loads the way the content script's does (asynchronously, on first
 * need), counting its loads; chunks run at once.
 */
function scanner(settings: Settings = defaultSettings()) {
  const loads = { n: 0 };
  const s = scannerFor(matcher, {
    engine: () => {
      loads.n++;
      return Promise.resolve(engineFor(matcher));
    },
    settings: () => settings,
  });
  return { s, loads, settings };
}

const page = (html: string) => {
  document.body.innerHTML = html;
  return document.body;
};
const marked = () =>
  [...document.querySelectorAll('backstory-mark')].map((m) => m.getAttribute('data-entity'));
const quiet = (s: Scanner) => s.quiet().map((q) => [q.mention.entity, q.count]);
/** Lets an engine load and the chunks after it run. */
const loaded = () => new Promise((r) => setTimeout(r, 0));

describe('pages whose every name is held back load no scan engine', () => {
  test('a page naming only a context name and an untitled surname: no engine, no marks; the popup reads it on request', async () => {
    const body = page('<p>Donald Trump spoke on markets. Gee, said one trader.</p><p>Trump left.</p>');
    const text = body.textContent;
    const { s, loads } = scanner();
    s.scan(body);
    await loaded();
    expect(loads.n).toBe(0);
    expect(marked()).toEqual([]);
    await s.readAll();
    expect(loads.n).toBe(1);
    expect(quiet(s)).toEqual([['donald-trump', 2]]);
    expect(marked()).toEqual([]);
    expect(body.textContent).toBe(text);
    s.clear();
  });

  test('a title before a surname counts at once', async () => {
    const body = page('<p>Judge Gee ruled on Friday.</p>');
    const { s, loads } = scanner();
    s.scan(body);
    await loaded();
    expect(loads.n).toBe(1);
    expect(marked()).toEqual(['dolly-gee']);
    s.clear();
  });

  test('a core name later on the page reads the held-back roots too, and their quiet names show once the page is about the story', async () => {
    const body = page('<p>Donald Trump spoke on Monday.</p>');
    const { s, loads } = scanner();
    s.scan(body);
    await loaded();
    expect(loads.n).toBe(0);
    const p = document.createElement('p');
    p.textContent = 'ICE and the Border Patrol detained parents.';
    body.append(p);
    s.scan(p);
    await loaded();
    await s.readAll();
    expect(loads.n).toBe(1);
    expect(marked()).toEqual(['donald-trump', 'ice', 'border-patrol']);
    s.clear();
  });

  test('"context names on every page" reads held-back roots when turned on, and counts them at once on a new page', async () => {
    const body = page('<p>Donald Trump spoke on Monday.</p>');
    const settings = defaultSettings();
    const { s, loads } = scanner(settings);
    s.scan(body);
    await loaded();
    expect(marked()).toEqual([]);
    settings.contextEverywhere = true;
    s.settingsChanged();
    await loaded();
    expect(loads.n).toBe(1);
    expect(marked()).toEqual(['donald-trump']);
    s.clear();

    const other = scanner({ ...defaultSettings(), contextEverywhere: true });
    other.s.scan(page('<p>Donald Trump spoke on Tuesday.</p>'));
    await loaded();
    expect(other.loads.n).toBe(1);
    expect(marked()).toEqual(['donald-trump']);
    other.s.clear();
  });

  test('"highlight them on this page" reads the held-back roots and shows their names', async () => {
    const body = page('<p>Donald Trump spoke on Monday.</p>');
    const { s } = scanner();
    s.scan(body);
    await loaded();
    s.showQuiet();
    await s.readAll();
    expect(marked()).toEqual(['donald-trump']);
    s.clear();
    expect(body.innerHTML).toBe('<p>Donald Trump spoke on Monday.</p>');
  });

  test('a held-back root the page removed is not read; an in-page navigation starts holding back again', async () => {
    const body = page('<div id="a"><p>Donald Trump spoke.</p></div>');
    const { s, loads } = scanner();
    const a = document.getElementById('a') as HTMLElement;
    s.scan(a);
    await loaded();
    a.remove();
    s.prune();
    await s.readAll();
    expect(loads.n).toBe(0);
    s.reset(createPageState('en'));
    body.innerHTML = '<p>Trump again.</p>';
    s.scan(body);
    await loaded();
    expect(loads.n).toBe(0);
    expect(quiet(s)).toEqual([]);
    await s.readAll();
    expect(quiet(s)).toEqual([['donald-trump', 1]]);
  });
});
