import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import { Matcher } from '../../data/matcher';
import { defaultSettings, type Settings } from '../../data/settings';
import type { MatchEntity } from '../../data/types';
import { EXCLUDED_SELECTOR } from '../../entrypoints/content/dom-rules';
import { READ_SLICE, windowsOf } from '../../entrypoints/content/scan/text-reader';
import { scannerFor } from '../engine';
import { BORDER_PATROL, ICE, SESSIONS, TRUMP } from '../match-entities';

const ENTITIES: MatchEntity[] = [
  SESSIONS,
  ICE,
  BORDER_PATROL,
  {
    id: 'usc-8-1325',
    category: 'statute',
    scope: 'core',
    name: '§ 1325',
    citation: { title: 8, section: '1325', ina: '275' },
    aliases: [{ text: 'illegal entry', context: ['border'] }],
  },
];
const matcher = new Matcher(ENTITIES);

/** Runs every scheduled chunk at once, so a scan finishes synchronously in tests. */
function syncScanner(settings: Settings = defaultSettings()) {
  const scanner = scannerFor(matcher, {
    settings: () => settings,
    active: () => settings.enabled,
  });
  return scanner;
}

const WORDS = [
  'Jeff',
  'Sessions',
  'ICE',
  'ice',
  'Border',
  'Patrol',
  'illegal',
  'entry',
  'border',
  '8',
  'U.S.C.',
  '§',
  '1325',
  'the',
  'said',
  ',',
  '.',
  '  ',
  '\n',
];
const INLINE = ['b', 'i', 'em', 'a', 'span', 'strong'];
const BLOCK = ['p', 'div', 'li', 'section', 'blockquote'];
const EXCLUDED = ['code', 'pre', 'textarea', 'script', 'svg', 'button'];

type Tree = { tag: string; editable?: boolean; children: (Tree | string)[] };
const text = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.record({
    tag: fc.constantFrom(...INLINE, ...BLOCK, ...EXCLUDED, 'br'),
    editable: fc.boolean(),
    children: fc.array(fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, tie('node')), {
      maxLength: 4,
    }),
  }),
})).node;

function build(t: Tree, parent: Element): void {
  const el = document.createElement(t.tag);
  if (t.editable && t.tag === 'div') el.setAttribute('contenteditable', 'true');
  if (t.tag !== 'br' && t.tag !== 'textarea' && t.tag !== 'script')
    for (const c of t.children) {
      if (typeof c === 'string') el.appendChild(document.createTextNode(c));
      else build(c, el);
    }
  else if (t.tag !== 'br') el.textContent = t.children.filter((c) => typeof c === 'string').join(' ');
  parent.appendChild(el);
}

function fresh(trees: Tree[]): HTMLElement {
  document.body.replaceChildren();
  const root = document.createElement('main');
  for (const t of trees) build(t, root);
  document.body.appendChild(root);
  return root;
}

const textNodes = (root: Node) => {
  const out: Text[] = [];
  const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) out.push(n as Text);
  return out;
};

describe('highlighting random DOM trees', () => {
  test('text is identical while highlighted, and clearing restores the exact DOM and node objects', () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 4 }), (trees) => {
        const root = fresh(trees);
        const html = root.innerHTML;
        const content = root.textContent;
        const nodes = textNodes(root);
        const data = nodes.map((n) => n.data);
        const scanner = syncScanner();
        scanner.scan(document.body);
        expect(root.textContent).toBe(content);
        scanner.clear();
        expect(root.innerHTML).toBe(html);
        const after = textNodes(root);
        expect(after).toEqual(nodes);
        expect(after.map((n) => n.data)).toEqual(data);
      }),
      { numRuns: 150 },
    );
  });

  test('no mark lands in an excluded element, and a second pass adds nothing', () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 4 }), (trees) => {
        const root = fresh(trees);
        const scanner = syncScanner();
        scanner.scan(document.body);
        const marks = [...root.querySelectorAll('backstory-mark')];
        for (const m of marks) expect(m.parentElement?.closest(EXCLUDED_SELECTOR)).toBeNull();
        const html = root.innerHTML;
        scanner.scan(document.body);
        expect(root.innerHTML).toBe(html);
        scanner.clear();
      }),
      { numRuns: 150 },
    );
  });
});

/**
 * Scans the page once with one read, then again read in steps, and expects the same marks.
 * Returns how many times the scanner asked whether to read in steps.
 */
function expectSteppedLikeOnce(root: HTMLElement): number {
  const once = syncScanner();
  once.scan(document.body);
  const expected = root.innerHTML;
  once.clear();
  let asked = 0;
  const stepped = scannerFor(matcher, {
    readInSteps: () => {
      asked++;
      return true;
    },
  });
  stepped.scan(document.body);
  expect(root.innerHTML).toBe(expected);
  stepped.clear();
  return asked;
}

describe('a huge root read in steps', () => {
  test('marks exactly what one read marks, on random trees', () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 4 }), (trees) => {
        expect(expectSteppedLikeOnce(fresh(trees))).toBe(1);
      }),
      { numRuns: 150 },
    );
  });

  test('windows over the pieces find the same candidates as the joined text', () => {
    const words = [
      'Jeff Sessions',
      'Border Patrol',
      'ICE',
      ' ',
      '\n',
      '§ 1325',
      'illegal entry',
      'border',
      'x',
      'é',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...words), { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.integer({ min: 1, max: 40 }),
        (parts, cuts, size) => {
          const text = parts.join('');
          const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const pieces = [0, ...at].map((c, i) => text.slice(c, [...at, text.length][i]));
          const windows = [...windowsOf(pieces, size)];
          expect(windows.map((w) => w.text.slice(w.from, w.to)).join('')).toBe(text);
          const found = windows.flatMap((w) =>
            matcher.candidates(w.text, Number.POSITIVE_INFINITY, w.from, w.to).map((o) => o + w.base),
          );
          expect(found).toEqual(matcher.candidates(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('maps hits to their nodes across many steps: mentions anywhere among thousands of text nodes', () => {
    // Mentions at a node's very start (the offset a neighbour's end shares) and inside one.
    const lines = ['Border Patrol came.', 'ICE agents left.', 'Agents of Border Patrol came.', 'x', ''];
    fc.assert(
      fc.property(
        fc.integer({ min: READ_SLICE, max: 3 * READ_SLICE }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...lines), fc.boolean()), { minLength: 1, maxLength: 8 }),
        (fillers, placed) => {
          const root = fresh([]);
          // Filler text nodes (some empty) in paragraphs of a few nodes each; each mention in a
          // paragraph of its own, alone or after a filler node, so a hit mapped to a neighbouring
          // node lands in another block and loses its mark.
          const texts: (string | [string, boolean])[] = Array.from({ length: fillers }, (_, i) =>
            i % 7 === 3 ? '' : `Line ${i}.`,
          );
          for (const [at, line, lead] of placed) texts.splice(at % (texts.length + 1), 0, [line, lead]);
          let p = document.createElement('p');
          texts.forEach((t, i) => {
            if (typeof t === 'string') {
              if (i % 5 === 0) {
                root.append(p);
                p = document.createElement('p');
              }
              p.append(document.createTextNode(t));
              return;
            }
            root.append(p);
            p = document.createElement('p');
            if (t[1]) p.append(document.createTextNode('Then'));
            p.append(document.createTextNode(t[0]));
            root.append(p);
            p = document.createElement('p');
          });
          root.append(p);
          expectSteppedLikeOnce(root);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('reads a long page over more steps than one read takes, with the same marks', () => {
    const root = fresh([]);
    for (let i = 0; i < 3000; i++) {
      const p = document.createElement('p');
      p.append(i % 1000 === 999 ? 'Agents of Border Patrol came.' : `Paragraph ${i} of the garden.`);
      root.append(p);
    }
    // A clock that moves 1 ms a call: a step (8 ms budget) ends after a few pieces of work, so
    // the number of scheduled steps counts the pieces.
    const run = (inSteps: boolean) => {
      let steps = 0;
      const pending: (() => void)[] = [];
      const scanner = scannerFor(matcher, {
        schedule: (fn) => {
          steps++;
          pending.push(fn);
        },
        readInSteps: () => inSteps,
      });
      let now = 0;
      const clock = vi.spyOn(performance, 'now').mockImplementation(() => now++);
      try {
        scanner.scan(document.body);
        for (let fn = pending.shift(); fn; fn = pending.shift()) fn();
      } finally {
        clock.mockRestore();
      }
      const marks = [...root.querySelectorAll('backstory-mark')].map((m) => m.textContent);
      scanner.clear();
      return { steps, marks };
    };
    const once = run(false);
    const stepped = run(true);
    expect(stepped.marks).toEqual(['Border Patrol', 'Border Patrol', 'Border Patrol']);
    expect(stepped.marks).toEqual(once.marks);
    // The 3,000 text nodes are read READ_SLICE at a time, each piece a separate piece of work.
    expect(3000 / READ_SLICE).toBeGreaterThan(2);
    expect(stepped.steps).toBeGreaterThan(once.steps);
  });
});

describe('settings applied live', () => {
  test('a category off un-highlights only that category and restores its text nodes; on brings it back', () => {
    const root = fresh([]);
    root.innerHTML = '<p>Attorney General Jeff Sessions said <b>ICE</b> and the Border Patrol would act.</p>';
    const original = root.innerHTML;
    let settings = defaultSettings();
    const scanner = scannerFor(matcher, {
      settings: () => settings,
    });
    scanner.scan(document.body);
    expect([...root.querySelectorAll('backstory-mark')].map((m) => m.getAttribute('data-entity'))).toEqual([
      'jeff-sessions',
      'ice',
      'border-patrol',
    ]);
    settings = { ...settings, categories: { ...settings.categories, agency: false } };
    scanner.settingsChanged();
    expect([...root.querySelectorAll('backstory-mark')].map((m) => m.getAttribute('data-entity'))).toEqual([
      'jeff-sessions',
    ]);
    expect(root.querySelector('b')?.childNodes.length).toBe(1);
    settings = { ...settings, categories: { ...settings.categories, agency: true } };
    scanner.settingsChanged();
    expect(root.querySelectorAll('backstory-mark').length).toBe(3);
    settings = { ...settings, mode: 'first' };
    scanner.settingsChanged();
    scanner.clear();
    expect(root.innerHTML).toBe(original);
  });

  test('onChange names exactly the marks each render added; clearing names none', () => {
    const root = fresh([]);
    root.innerHTML = '<p>Jeff Sessions said <b>ICE</b> would act.</p><p>The Border Patrol agreed.</p>';
    let settings = defaultSettings();
    const calls: (readonly Element[] | undefined)[] = [];
    const scanner = scannerFor(matcher, {
      settings: () => settings,
    });
    scanner.onMarksChanged((added) => calls.push(added));
    scanner.scan(document.body);
    const marks = () => [...root.querySelectorAll('backstory-mark')];
    expect(calls.flatMap((c) => c ?? [])).toEqual(marks());
    expect(marks()).toHaveLength(3);
    // Re-rendered with another style: the old marks go, the new ones are named.
    calls.length = 0;
    settings = { ...settings, style: settings.style === 'underline' ? 'tint' : 'underline' };
    scanner.settingsChanged();
    expect(calls.flatMap((c) => c ?? [])).toEqual(marks());
    expect(marks().every((m) => m.getAttribute('data-style') === settings.style)).toBe(true);
    calls.length = 0;
    scanner.clear();
    expect(calls).toEqual([undefined]);
  });

  test('mode "first" marks only the first mention of each entity', () => {
    const root = fresh([]);
    root.innerHTML = '<p>ICE agents met ICE lawyers.</p><p>Then ICE left.</p>';
    const settings = { ...defaultSettings(), mode: 'first' as const };
    const scanner = scannerFor(matcher, {
      settings: () => settings,
    });
    scanner.scan(document.body);
    expect(root.querySelectorAll('backstory-mark').length).toBe(1);
  });

  test('a paused site is left untouched', () => {
    const root = fresh([]);
    root.innerHTML = '<p>Jeff Sessions and ICE.</p>';
    const html = root.innerHTML;
    const scanner = scannerFor(matcher, {
      active: () => false,
    });
    scanner.scan(document.body);
    expect(root.innerHTML).toBe(html);
  });

  test('a page that rewrites a text node we split keeps its own new text, with no copy of the old', () => {
    const root = fresh([]);
    root.innerHTML = '<p>Jeff Sessions spoke today.</p>';
    const node = root.querySelector('p')?.firstChild as Text;
    const scanner = scannerFor(matcher);
    scanner.scan(document.body);
    expect(root.querySelectorAll('backstory-mark').length).toBe(1);
    node.data = 'A new sentence.';
    scanner.applyPageChanges({ changed: [node], dirty: [node] });
    expect(root.textContent).toBe('A new sentence.');
  });
});

describe('relevance on the page', () => {
  const withContext = new Matcher([...ENTITIES, TRUMP]);
  const scanner = () => scannerFor(withContext);
  const marked = (root: HTMLElement) =>
    [...root.querySelectorAll('backstory-mark')].map((m) => m.getAttribute('data-entity'));

  test('a context name stays quiet until the page shows it is about the story, then every one shows', () => {
    const root = fresh([]);
    root.innerHTML = '<p>Donald Trump spoke on Monday.</p><p>The weather was fine.</p>';
    const s = scanner();
    s.scan(document.body);
    expect(marked(root)).toEqual([]);
    // Held back (a context name only): read when the popup asks.
    expect(s.quiet()).toEqual([]);
    void s.readAll();
    expect(s.quiet().map((q) => [q.mention.entity, q.count])).toEqual([['donald-trump', 1]]);
    // The page adds its story: two core names make it about the story, and the earlier name shows.
    const p = document.createElement('p');
    p.textContent = 'ICE and the Border Patrol detained parents.';
    root.append(p);
    s.scan(p);
    expect(marked(root)).toEqual(['donald-trump', 'ice', 'border-patrol']);
    expect(s.quiet()).toEqual([]);
    s.clear();
  });

  test('"show them on this page" shows the quiet names without reloading', () => {
    const root = fresh([]);
    root.innerHTML = '<p>Donald Trump spoke on Monday.</p>';
    const s = scanner();
    s.scan(document.body);
    expect(marked(root)).toEqual([]);
    s.showQuiet();
    expect(marked(root)).toEqual(['donald-trump']);
    s.clear();
    expect(root.innerHTML).toBe('<p>Donald Trump spoke on Monday.</p>');
  });

  test('navigation and sidebars do not make a page about the story', () => {
    const root = fresh([]);
    root.innerHTML =
      '<nav><p>ICE news</p><p>Border Patrol news</p></nav><aside><p>ICE and the Border Patrol</p></aside><p>Donald Trump spoke.</p>';
    const s = scanner();
    s.scan(document.body);
    // Core names show anywhere; the context name waits, because only main text is evidence.
    expect(marked(root)).toEqual(['ice', 'border-patrol', 'ice', 'border-patrol']);
    s.clear();
  });
});

describe('script and style text is not probed', () => {
  test('code ranges are found in the text, and starts inside them are dropped', async () => {
    const { between, codeRanges } = await import('../../entrypoints/content/scan/text-reader');
    const root = fresh([]);
    const code = `var s = "${'ICE Border Patrol Jeff Sessions '.repeat(10)}";`;
    root.innerHTML = `<p>ICE agents.</p><script>${code}</script><p>The Border Patrol.</p>`;
    const text = document.body.textContent ?? '';
    const ranges = codeRanges(document.body, text);
    expect(ranges).toEqual([[text.indexOf(code), text.indexOf(code) + code.length]]);
    const [a, b] = ranges[0] as [number, number];
    expect(between(0, text.length, ranges)).toEqual([
      [0, a],
      [b, text.length],
    ]);
    expect(between(a + 1, b - 1, ranges)).toEqual([]);
    expect(between(0, 10, [[20, 30]])).toEqual([[0, 10]]);
    // The scan still marks the prose on both sides, and nothing in the script.
    const scanner = syncScanner();
    scanner.scan(document.body);
    expect([...root.querySelectorAll('backstory-mark')].map((m) => m.textContent)).toEqual([
      'ICE',
      'Border Patrol',
    ]);
    scanner.clear();
  });
});

describe('a page that replaces text between our read and our write', () => {
  test('the stale record is skipped, nothing throws, and the page keeps its new text', () => {
    const root = fresh([]);
    root.innerHTML = '<p>Jeff Sessions spoke.</p><p>ICE agents watched.</p>';
    const pending: (() => void)[] = [];
    const scanner = scannerFor(matcher, {
      schedule: (fn) => pending.push(fn),
    });
    scanner.scan(document.body);
    // Found but not wrapped yet: a framework re-renders the first paragraph meanwhile.
    const p = root.querySelector('p') as HTMLElement;
    p.replaceChildren(document.createTextNode('Jeff Sessions spoke again.'));
    for (let fn = pending.shift(); fn; fn = pending.shift()) fn();
    expect(root.querySelector('p')?.textContent).toBe('Jeff Sessions spoke again.');
    expect([...root.querySelectorAll('backstory-mark')].map((m) => m.textContent)).toEqual(['ICE']);
    scanner.clear();
  });
});
