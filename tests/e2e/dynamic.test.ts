/**
 * Dynamic pages (issue #4's e2e list), in real Chromium and real Firefox: infinite scroll, a
 * single-page app that navigates with history.pushState, forms and editors that must stay
 * untouched, and hostile page CSS.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, DRIVERS, type Session } from './drivers';
import { TestServer } from './harness';
import { markTexts, openProbed, readAllText, settle } from './support/probe';
import { GIVE_UP_MS, OBSERVER_SETTLE_MS, WXT_LOCATION_POLL_MS } from './timing';

const server = new TestServer();

const page = (title: string, body: string, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`;

/** Each scroll to the bottom appends the next article (three in all). */
const SCROLL_PAGE = page(
  'Infinite scroll',
  `<main id="feed"><article data-n="0" style="min-height: 1400px"><h2>Story 0</h2><p>${'A long quiet paragraph about the garden. '.repeat(40)}</p>
<p>Attorney General Jeff Sessions announced the policy.</p></article></main>
<script>
const stories = [
  ['Story 1', 'Homeland Security Secretary Kirstjen Nielsen defended the practice.'],
  ['Story 2', 'Agents of U.S. Customs and Border Protection made the arrests.'],
  ['Story 3', 'The families sued in Ms. L. v. ICE in San Diego.'],
];
let n = 0;
window.addEventListener('scroll', () => {
  if (n >= stories.length || innerHeight + scrollY < document.body.scrollHeight - 50) return;
  const [h, p] = stories[n++];
  const a = document.createElement('article');
  a.dataset.n = String(n);
  a.style.minHeight = '1400px';
  a.innerHTML = '<h2>' + h + '</h2><p>' + 'Filler about the weather and the harvest. '.repeat(40) + '</p><p>' + p + '</p>';
  document.getElementById('feed').appendChild(a);
});
</script>`,
);

/** A single-page app: links swap the content of <main> and push a new URL. */
const SPA_PAGE = page(
  'SPA',
  `<nav><a id="to2" href="/spa/story-2">Next story</a></nav><main id="view"></main>
<script>
const views = {
  '/spa/story-1': '<h1>Story one</h1><p>Attorney General Jeff Sessions announced the policy in April.</p><p>Sessions said it would deter crossings.</p><p>Homeland Security Secretary Kirstjen Nielsen agreed.</p>',
  '/spa/story-2': '<h1>Story two</h1><p>Judge Dana Sabraw ordered the reunification.</p><p>The Sessions family held a picnic.</p><p>Officers of U.S. Customs and Border Protection complied.</p>',
};
const render = () => { document.getElementById('view').innerHTML = views[location.pathname] || '<p>Not found</p>'; };
render();
document.getElementById('to2').addEventListener('click', (e) => { e.preventDefault(); history.pushState({}, '', '/spa/story-2'); render(); });
window.addEventListener('popstate', render);
</script>`,
);

/** Every kind of editable or form content, with mentions inside, next to one ordinary paragraph. */
const FORMS_PAGE = page(
  'Forms',
  `<h1>Letters to the editor</h1>
<p id="plain">Attorney General Jeff Sessions announced the policy.</p>
<form>
  <input id="in" value="Jeff Sessions">
  <textarea id="ta">Attorney General Jeff Sessions and Kirstjen Nielsen under 8 U.S.C. § 1325</textarea>
  <select id="sel"><option>Jeff Sessions</option><option>Kirstjen Nielsen</option></select>
  <label for="in">Write about U.S. Customs and Border Protection</label>
</form>
<div id="ce" contenteditable="true"><p>Draft: Attorney General Jeff Sessions said <b>Kirstjen Nielsen</b> agreed.</p></div>
<div id="tb" role="textbox">Jeff Sessions in a custom textbox</div>
<div id="later"></div>
<script>
setTimeout(() => {
  // An editor that mounts after load.
  const ed = document.createElement('div');
  ed.id = 'ce2';
  ed.contentEditable = 'true';
  ed.innerHTML = '<p>Later draft about Kirstjen Nielsen and U.S. Customs and Border Protection.</p>';
  document.getElementById('later').appendChild(ed);
}, 300);
</script>`,
);

/** Page CSS that hides or restyles common inline tags and unknown children, aimed at no tag of ours. */
const HOSTILE_CSS = `<style>
mark, span, font, ins, u, small, em, i, b, s, q, abbr, cite, time { display: none !important; visibility: hidden !important; }
p > :not(a):not(strong) { display: none !important; visibility: hidden !important; opacity: 0 !important; }
article :not(p):not(h1):not(a):not(strong) { display: block !important; position: absolute !important; left: -9999px !important; }
article * { text-decoration: none !important; font-size: 0; color: transparent; }
article p, article h1, article strong, article a { font-size: 18px; color: #111; }
</style>`;
const HOSTILE_PAGE = page(
  'Hostile CSS',
  `<article><h1>Border prosecutions</h1>
<p>Attorney General Jeff Sessions announced the policy in April.</p>
<p>Agents of U.S. Customs and Border Protection made the arrests; <strong>Kirstjen Nielsen</strong> defended it.</p>
<p>Prosecutors filed charges under 8 U.S.C. § 1325 for illegal entry, says <a href="#x">Ms. L. v. ICE</a>.</p>
</article>`,
  HOSTILE_CSS,
);

beforeAll(async () => {
  await server.start();
  server.route('/favicon.ico', { body: '', type: 'image/x-icon' });
  server.route('/dyn/scroll.html', { body: SCROLL_PAGE });
  server.route('/spa/story-1', { body: SPA_PAGE });
  server.route('/spa/story-2', { body: SPA_PAGE });
  server.route('/dyn/forms.html', { body: FORMS_PAGE });
  server.route('/dyn/hostile.html', { body: HOSTILE_PAGE });
});
afterAll(async () => {
  await server.stop();
});

describe.each(BROWSERS)('dynamic pages in %s', (name) => {
  let ext: Session;
  beforeAll(async () => {
    ext = await DRIVERS[name].launch();
  });
  afterAll(async () => {
    await ext?.close();
  });

  test('infinite scroll: articles added after load get marked', async () => {
    const p = await openProbed(ext, `${server.origin}/dyn/scroll.html`);
    await p.waitForFunction(() => document.querySelectorAll('backstory-mark').length > 0);
    for (let i = 1; i <= 3; i++) {
      await p.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await p.waitForFunction((n) => document.querySelector(`article[data-n="${n}"]`) !== null, i);
    }
    const expected: [number, string][] = [
      [1, 'kirstjen-nielsen:Kirstjen Nielsen'],
      [2, 'cbp:Customs and Border Protection'],
      [3, 'ms-l-v-ice:Ms. L. v. ICE'],
    ];
    for (const [n, mark] of expected) {
      await p.waitForFunction(
        (n) => document.querySelector(`article[data-n="${n}"] backstory-mark`) !== null,
        n,
        {
          timeout: OBSERVER_SETTLE_MS,
        },
      );
      expect(await markTexts(p, `article[data-n="${n}"]`)).toContain(mark);
    }
    expect(p.errors).toEqual([]);
    await p.close();
  });

  test('a single-page app: pushState navigation marks the new content, drops the old marks and the old coreference', async () => {
    const p = await openProbed(ext, `${server.origin}/spa/story-1`);
    await p.waitForFunction(() => document.querySelectorAll('backstory-mark').length >= 3);
    const before = await markTexts(p, '#view');
    expect(before).toContain('jeff-sessions:Jeff Sessions');
    expect(before).toContain('jeff-sessions:Sessions'); // coreference after the full name
    await p.click('#to2');
    expect(await p.url()).toMatch(/\/spa\/story-2$/);
    await p.waitForFunction(
      () => document.querySelector('#view backstory-mark[data-entity="dana-sabraw"]') !== null,
      undefined,
      { timeout: OBSERVER_SETTLE_MS },
    );
    // WXT notices the URL change (at worst on its 1 s poll); the state reset and rescan follow it.
    await p.sleep(WXT_LOCATION_POLL_MS + OBSERVER_SETTLE_MS);
    const after = await markTexts(p, 'body');
    expect(after).toContain('dana-sabraw:Dana Sabraw');
    expect(after).toContain('cbp:Customs and Border Protection');
    expect(
      after.filter((m) => m.startsWith('jeff-sessions:') || m.startsWith('kirstjen-nielsen:')),
      'marks of the old story',
    ).toEqual([]);
    expect(await p.$eval('#view', (e) => (e as HTMLElement).innerText)).toContain(
      'The Sessions family held a picnic.',
    );
    expect(p.errors).toEqual([]);
    await p.close();
  });

  test('forms and editors: values and content unchanged, no marks inside, while typing too', async () => {
    const p = await openProbed(ext, `${server.origin}/dyn/forms.html`);
    await p.waitForFunction(() => document.querySelector('#plain backstory-mark') !== null);
    await p.waitForFunction(() => document.querySelector('#ce2') !== null);
    // The observer has seen the editor that mounted after load.
    await p.sleep(OBSERVER_SETTLE_MS);
    const snapshot = () =>
      p.evaluate(() => ({
        in: (document.getElementById('in') as HTMLInputElement).value,
        ta: (document.getElementById('ta') as HTMLTextAreaElement).value,
        sel: (document.getElementById('sel') as HTMLSelectElement).innerHTML,
        label: (document.querySelector('label') as HTMLElement).innerText,
        ce: document.getElementById('ce')?.innerHTML,
        ce2: document.getElementById('ce2')?.innerHTML,
        tb: document.getElementById('tb')?.innerHTML,
        marks: document.querySelectorAll(
          '#in backstory-mark, #ta backstory-mark, #sel backstory-mark, #ce backstory-mark, #ce2 backstory-mark, #tb backstory-mark',
        ).length,
      }));
    const s = await snapshot();
    expect(s.in).toBe('Jeff Sessions');
    expect(s.ta).toBe('Attorney General Jeff Sessions and Kirstjen Nielsen under 8 U.S.C. § 1325');
    expect(s.sel).toBe('<option>Jeff Sessions</option><option>Kirstjen Nielsen</option>');
    expect(s.ce).toBe('<p>Draft: Attorney General Jeff Sessions said <b>Kirstjen Nielsen</b> agreed.</p>');
    expect(s.ce2).toBe('<p>Later draft about Kirstjen Nielsen and U.S. Customs and Border Protection.</p>');
    expect(s.tb).toBe('Jeff Sessions in a custom textbox');
    expect(s.label).toBe('Write about U.S. Customs and Border Protection'); // a label is ordinary text: it may be marked
    expect(s.marks).toBe(0);
    // Typing mentions into the fields and the editor changes nothing of ours.
    await p.click('#ce p');
    await p.press('Control+End');
    await p.type(' Then Kirstjen Nielsen met Jeff Sessions.');
    await p.fill('#in', 'Kirstjen Nielsen and Jeff Sessions');
    await p.click('#ta');
    await p.press('Control+End');
    await p.type(' and U.S. Customs and Border Protection');
    await p.sleep(OBSERVER_SETTLE_MS);
    const t = await snapshot();
    expect(t.ce).toBe(
      '<p>Draft: Attorney General Jeff Sessions said <b>Kirstjen Nielsen</b> agreed. Then Kirstjen Nielsen met Jeff Sessions.</p>',
    );
    expect(t.in).toBe('Kirstjen Nielsen and Jeff Sessions');
    expect(t.ta).toBe(
      'Attorney General Jeff Sessions and Kirstjen Nielsen under 8 U.S.C. § 1325 and U.S. Customs and Border Protection',
    );
    expect(t.marks).toBe(0);
    expect(p.errors).toEqual([]);
    await p.close();
  });

  test('hostile page CSS: marks stay inline and visible, and the text is unchanged', async () => {
    const clean = await DRIVERS[name].launch({ extension: false });
    const c = await openProbed(clean, `${server.origin}/dyn/hostile.html`);
    const expected = await readAllText(c);
    await clean.close();

    const p = await openProbed(ext, `${server.origin}/dyn/hostile.html`);
    await p.waitForFunction(() => document.querySelectorAll('backstory-mark').length >= 4, undefined, {
      timeout: GIVE_UP_MS,
    });
    await settle(p);
    const styles = await p.evaluate(() =>
      [...document.querySelectorAll('backstory-mark')].map((e) => {
        const cs = getComputedStyle(e);
        const r = e.getBoundingClientRect();
        return {
          text: e.textContent,
          display: cs.display,
          visibility: cs.visibility,
          opacity: cs.opacity,
          position: cs.position,
          onScreen: r.width > 0 && r.left >= 0,
        };
      }),
    );
    // Marks inside the page's own hidden <strong>/<a> follow their parent; the rest must show.
    expect(styles.length).toBeGreaterThanOrEqual(4);
    for (const s of styles) {
      expect(s, JSON.stringify(s)).toMatchObject({
        display: 'inline',
        visibility: 'visible',
        opacity: '1',
        position: 'static',
        onScreen: true,
      });
    }
    expect(await readAllText(p)).toBe(expected);
    expect(p.errors).toEqual([]);
    await p.close();
  });
});
