import { join } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadDataset } from '../../data/load';
import type { PageSummary } from '../../data/messages';
import { loadSettings, saveSettings } from '../../data/settings-storage';
import { App } from '../../entrypoints/popup/App';

// The virtual dataset module does not load under the dom project's Preact plugin (vite tries to
// import its watched folder), so read the same files directly.
const dataset = loadDataset(join(process.cwd(), 'data/entities'));

const SUMMARY: PageSummary = {
  host: 'news.example',
  active: true,
  entities: [
    { id: 'jeff-sessions', category: 'official', name: 'Jeff Sessions', count: 3 },
    { id: 'usc-8-1325', category: 'statute', name: '8 U.S.C. § 1325', count: 2 },
    { id: 'kirstjen-nielsen', category: 'official', name: 'Kirstjen Nielsen', count: 1 },
  ],
  total: 6,
  quiet: [],
};

let root: HTMLElement;
const flush = async (ms = 0) => act(() => new Promise((r) => setTimeout(r, ms)));
const $ = <T extends Element = HTMLElement>(sel: string) => root.querySelector<T>(sel);
const $$ = (sel: string) => [...root.querySelectorAll<HTMLElement>(sel)];

async function mount(props: { search?: string; hash?: string } = {}) {
  history.replaceState(null, '', `/popup.html${props.hash ?? ''}`);
  await flush(0);
  await act(() =>
    render(
      <App entities={dataset.entities} search={props.search ?? '?tab=7'} hash={props.hash ?? ''} />,
      root,
    ),
  );
  await flush(10);
}

async function type(text: string) {
  const input = $<HTMLInputElement>('input[type=search]') as HTMLInputElement;
  await act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function key(name: string) {
  const input = $<HTMLInputElement>('input[type=search]') ?? document.body;
  await act(() => {
    input.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
  });
}

beforeEach(() => {
  fakeBrowser.reset();
  root = document.createElement('div');
  document.body.append(root);
  history.replaceState(null, '', '/popup.html');
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

describe('popup search', () => {
  test('results are options in rank order inside a listbox, with the active one referenced', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(SUMMARY);
    await mount();
    await type('sesions');
    const options = $$('[role=listbox] [role=option]');
    expect(options[0]?.dataset.entity).toBe('jeff-sessions');
    expect($('input[type=search]')?.getAttribute('aria-activedescendant')).toBe('result-jeff-sessions');
    expect(options[0]?.getAttribute('aria-selected')).toBe('true');
  });

  test('arrows move, Enter opens the entity view, Esc closes it, Esc again clears the query', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(SUMMARY);
    await mount();
    await type('nielsen');
    const second = $$('[role=option]')[1]?.dataset.entity;
    await key('ArrowDown');
    expect($('[role=option][aria-selected=true]')?.dataset.entity).toBe(second);
    await key('ArrowUp');
    await key('Enter');
    expect($('article.entity')?.dataset.entity).toBe('kirstjen-nielsen');
    expect(location.hash).toBe('#entity=kirstjen-nielsen');
    await act(() => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect($('article.entity')).toBeNull();
    expect($<HTMLInputElement>('input[type=search]')?.value).toBe('nielsen');
    await key('Escape');
    expect($<HTMLInputElement>('input[type=search]')?.value).toBe('');
  });

  test('category chips are toggle buttons that filter the results', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(SUMMARY);
    await mount();
    await type('border');
    const chip = $('button.chip[data-category=statute]') as HTMLButtonElement;
    expect(chip.getAttribute('aria-pressed')).toBe('false');
    await act(() => chip.click());
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    const cats = new Set($$('[role=option]').map((o) => o.dataset.category));
    expect([...cats]).toEqual(['statute']);
  });

  test('a query with no match says so', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(SUMMARY);
    await mount();
    await type('xqzzvvkj');
    expect($$('[role=option]')).toHaveLength(0);
    expect($('.search [role=status]')?.textContent).toContain('xqzzvvkj');
  });
});

describe('entity view', () => {
  test('#entity=ID opens straight into everything about the entity', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(SUMMARY);
    await mount({ hash: '#entity=jeff-sessions' });
    const e = dataset.entities.find((x) => x.id === 'jeff-sessions');
    if (!e) throw new Error('jeff-sessions missing');
    const view = $('article.entity[data-entity=jeff-sessions]') as HTMLElement;
    expect(view.querySelector('h2')?.textContent).toBe(e.name);
    expect(view.querySelectorAll('.facts li')).toHaveLength(e.facts.length);
    expect(view.querySelectorAll('.roles li')).toHaveLength(e.roles?.length ?? 0);
    const links = [...view.querySelectorAll<HTMLAnchorElement>('.sources a')];
    expect(links).toHaveLength(e.sources.length);
    for (const a of links) {
      expect(a.getAttribute('href')).toMatch(/^https:\/\//);
      expect(a.target).toBe('_blank');
      expect(a.rel).toBe('noopener noreferrer');
    }
    const related = view.querySelector<HTMLAnchorElement>('.related a');
    const id = related?.dataset.entity;
    await act(() => related?.click());
    expect($('article.entity')?.dataset.entity).toBe(id);
  });

  test('an unknown id says so', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(SUMMARY);
    await mount({ hash: '#entity=no-such-thing' });
    expect($('.entity-missing')?.textContent).toContain('no-such-thing');
  });
});

describe('on this page', () => {
  test('groups the tab’s entities by category with counts; a click asks the tab to jump', async () => {
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(SUMMARY);
    await mount();
    expect(send).toHaveBeenCalledWith(7, { type: 'get-page-summary' });
    const groups = $$('.page-group');
    expect(groups.map((g) => g.querySelector('h3')?.dataset.category)).toEqual(['official', 'statute']);
    expect(groups[0]?.querySelector('.count')?.textContent).toBe('(4)');
    await act(() => $<HTMLButtonElement>('button.jump[data-entity=usc-8-1325]')?.click());
    expect(send).toHaveBeenCalledWith(7, { type: 'jump-to', id: 'usc-8-1325' });
  });

  test('names kept quiet are counted and named; the button asks the tab to show them and reloads the list', async () => {
    const quiet: PageSummary = {
      ...SUMMARY,
      entities: [],
      total: 0,
      quiet: [
        { id: 'donald-trump', category: 'official', name: 'Donald Trump', count: 3 },
        { id: 'congress', category: 'agency', name: 'U.S. Congress', count: 1 },
      ],
    };
    const send = vi
      .spyOn(fakeBrowser.tabs, 'sendMessage')
      .mockImplementation(async (_tab, m) => ((m as { type: string }).type === 'show-quiet' ? true : quiet));
    await mount();
    const notice = $('.quiet .notice')?.textContent ?? '';
    expect(notice).toContain('4 mentions');
    expect(notice).toContain('Donald Trump, U.S. Congress');
    const calls = send.mock.calls.length;
    await act(() => ($('button.show-quiet') as HTMLButtonElement).click());
    await flush(20);
    expect(send).toHaveBeenCalledWith(7, { type: 'show-quiet' });
    // The list is asked for again after the tab showed them.
    expect(
      send.mock.calls.slice(calls).filter(([, m]) => (m as { type: string }).type === 'get-page-summary'),
    ).not.toEqual([]);
  });

  test('no quiet notice when nothing was kept quiet', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(SUMMARY);
    await mount();
    expect($('.quiet')).toBeNull();
  });

  test('pause adds the host to the paused sites; resume removes it', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(SUMMARY);
    await mount();
    const pause = $('button.pause') as HTMLButtonElement;
    expect(pause.getAttribute('aria-pressed')).toBe('false');
    await act(() => pause.click());
    await flush(20);
    expect((await loadSettings()).pausedSites).toEqual(['news.example']);
    expect($('button.pause')?.getAttribute('aria-pressed')).toBe('true');
    await act(() => ($('button.pause') as HTMLButtonElement).click());
    await flush(20);
    expect((await loadSettings()).pausedSites).toEqual([]);
  });

  test('a tab where content scripts cannot run shows a clear message', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection'));
    await mount();
    expect($('[data-state=restricted]')).not.toBeNull();
  });

  test('without ?tab= it asks the active tab of the current window', async () => {
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 42 } as never]);
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(SUMMARY);
    await mount({ search: '' });
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    expect(send).toHaveBeenCalledWith(42, { type: 'get-page-summary' });
  });

  test('the global switch and the language follow settings', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(SUMMARY);
    await mount();
    await act(() => ($('input[name=enabled]') as HTMLInputElement).click());
    await flush(20);
    expect((await loadSettings()).enabled).toBe(false);
    const current = await loadSettings();
    await act(() => saveSettings({ ...current, language: 'es' }));
    await flush(20);
    expect($('#otp-h')?.textContent).toBe('En esta página');
    expect(document.documentElement.lang).toBe('es');
  });
});
