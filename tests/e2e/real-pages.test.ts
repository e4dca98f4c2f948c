/**
 * Real saved news pages (tests/real-pages.ts), in real Chromium and real Firefox: a fixed sample
 * of about ten, served from the local test server with the pages' own scripts blocked by a CSP
 * header and every request off the machine blocked by the drivers. The reader's text must come
 * out exactly as it is without the extension, with no page errors.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadRealPages, ON_TOPIC } from '../real-pages';
import { BROWSERS, DRIVERS, type Session, type Tab } from './drivers';
import { TestServer } from './harness';
import { readAllText, settle } from './support/probe';

/** The pages' own scripts never run (the content script still does: extensions are exempt). */
const PAGE_CSP = "script-src 'none'";
/** How many pages of the corpus the journey loads. */
const SAMPLE = 10;

/** Every on-topic page (so some marks are made), then pages spread evenly over the sorted corpus. */
function sample(): { name: string; html: string }[] {
  const pages = loadRealPages();
  const chosen = pages.filter((p) => ON_TOPIC.has(p.name)).slice(0, SAMPLE);
  const rest = pages.filter((p) => !ON_TOPIC.has(p.name));
  const step = rest.length / (SAMPLE - chosen.length);
  for (let i = 0; chosen.length < SAMPLE && i < rest.length; i++) chosen.push(rest[Math.floor(i * step)]!);
  return chosen;
}

const server = new TestServer();
const PAGES = sample();
const path = (name: string) => `/real/${encodeURIComponent(name)}`;

beforeAll(async () => {
  await server.start();
  server.route('/favicon.ico', { body: '', type: 'image/x-icon' });
  for (const p of PAGES)
    server.route(path(p.name), {
      body: p.html,
      type: 'text/html; charset=utf-8',
      headers: { 'content-security-policy': PAGE_CSP },
    });
});
afterAll(async () => {
  await server.stop();
});

describe.each(BROWSERS)('real saved pages in %s', (name) => {
  let ext: Session;
  let clean: Session;
  beforeAll(async () => {
    [ext, clean] = await Promise.all([DRIVERS[name].launch(), DRIVERS[name].launch({ extension: false })]);
  });
  afterAll(async () => {
    await Promise.all([ext?.close(), clean?.close()]);
  });

  /** The content script started on the page and its marks have stopped changing. */
  async function scanned(t: Tab): Promise<number> {
    await t.waitForFunction(() => performance.getEntriesByName('backstory:start').length > 0);
    return settle(t);
  }

  test.each(PAGES.map((p) => p.name))('%s: text unchanged, no page errors', async (page) => {
    const url = `${server.origin}${path(page)}`;
    const [c, t] = await Promise.all([clean.open(url), ext.open(url)]);
    const marks = await scanned(t);
    const [expected, actual] = await Promise.all([readAllText(c), readAllText(t)]);
    console.info(`[real pages ${name}] ${page}: ${marks} marks, ${actual.length} characters of text`);
    expect(actual).toBe(expected);
    expect(t.errors).toEqual([]);
    await Promise.all([c.close(), t.close()]);
  });
});
