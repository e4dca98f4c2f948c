/**
 * How the scanner reads a page's text, and maps offsets in that text back to text nodes.
 * Two strategies: one native `textContent` read (fast; the floor the bench compares against), or,
 * for a huge page, a read node by node in steps (slower in total, but no step runs long). Both
 * are generators: each `yield` is a point where the scanner may pause for the next idle period.
 */
import type { CandidateGate, Probe } from '../../../data/match/probe';
import { PHASE_MEASURES, READ_MEASURE } from '../measures';

/** Characters of page text the native first look reads per step. */
export const FIRST_LOOK_SLICE = 500_000;
/** Characters of page text the probe checks per step. */
export const TEXT_SLICE = 20_000;
/** Text nodes the walk visits per step. */
export const WALK_SLICE = 4_000;
/** Text nodes a read in steps reads per step: each costs a few µs. */
export const READ_SLICE = 500;
/** Context a window carries before its own range (word starts, numbers near a "§"). */
export const WINDOW_BEFORE = 64;
/** Context a window carries after its own range: room for any alias that starts inside it. */
export const WINDOW_AFTER = 2_048;

/** Part of a page's text: its own range [from, to) in `text`, with context either side. */
export interface TextWindow {
  text: string;
  from: number;
  to: number;
  /** The page-text offset of `text`'s first character. */
  base: number;
}

/**
 * Windows over a text held as consecutive pieces, each owning about `size` characters, built one
 * at a time as they are asked for, so a huge page's text is never joined into one string
 * (allocating tens of megabytes at once is a long task of its own). A mention that starts in a
 * window ends inside it unless it runs more than WINDOW_AFTER characters past the window's end.
 */
export function* windowsOf(pieces: readonly string[], size: number): Generator<TextWindow, void, void> {
  let start = 0;
  let i = 0;
  let before = '';
  while (i < pieces.length) {
    const own: string[] = [];
    let length = 0;
    while (i < pieces.length && (length < size || length === 0)) {
      own.push(pieces[i] as string);
      length += (pieces[i] as string).length;
      i++;
    }
    let after = '';
    for (let j = i; j < pieces.length && after.length < WINDOW_AFTER; j++) after += pieces[j];
    const body = own.join('');
    yield {
      text: before + body + after.slice(0, WINDOW_AFTER),
      from: before.length,
      to: before.length + length,
      base: start - before.length,
    };
    before = (before + body).slice(-WINDOW_BEFORE);
    start += length;
  }
}

/** The first text node of a step of a read in steps, and its offset in the page text. */
interface Kept {
  node: Text;
  start: number;
}

/** A root's text, read: its windows, and (after a read in steps) one kept node per step. */
export interface ReadText {
  windows: Iterable<TextWindow>;
  kept: Kept[] | null;
}

/**
 * Reads a root's text. `inSteps` reads node by node, READ_SLICE nodes a step; otherwise one
 * `textContent` call (timed as READ_MEASURE when the root is the body).
 */
export function* readText(root: Node, inSteps: boolean): Generator<void, ReadText, void> {
  if (root.nodeType === 3) {
    const text = (root as Text).data;
    return { windows: [{ text, from: 0, to: text.length, base: 0 }], kept: null };
  }
  if (!inSteps) {
    const start = performance.now();
    const text = root.textContent ?? '';
    if (root === root.ownerDocument?.body)
      performance.measure(READ_MEASURE, { start, end: performance.now() });
    return { windows: [{ text, from: 0, to: text.length, base: 0 }], kept: null };
  }
  const kept: Kept[] = [];
  // Joined a step at a time: one join of a few hundred thousand strings is a long task.
  const pieces: string[] = [];
  let batch: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let pos = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const data = (n as Text).data;
    // Only one node a step is kept. Keeping every node (420,000 on the 20 MB page) kept their
    // JavaScript wrappers alive, and then some steps took 70–100 ms instead of under 30.
    if (batch.length === 0) kept.push({ node: n as Text, start: pos });
    batch.push(data);
    pos += data.length;
    if (batch.length === READ_SLICE) {
      pieces.push(batch.join(''));
      batch = [];
      yield;
    }
  }
  pieces.push(batch.join(''));
  return { windows: windowsOf(pieces, FIRST_LOOK_SLICE), kept };
}

/**
 * The text nodes holding the given ascending page-text offsets, each once, in order. After a
 * read in steps it walks on from each offset's kept node; otherwise it walks the root's text
 * nodes by length only (no string work).
 */
export function* nodesAt(
  root: Node,
  offsets: readonly number[],
  read: ReadText,
): Generator<void, Text[], void> {
  const hits: Text[] = [];
  if (offsets.length === 0) return hits;
  if (root.nodeType === 3) return [root as Text];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let seen = 0;
  if (read.kept) {
    const kept = read.kept;
    let step = -1;
    let node: Text | null = null;
    let pos = 0;
    for (const o of offsets) {
      let s = step;
      while (s + 1 < kept.length && (kept[s + 1] as Kept).start <= o) s++;
      if (s !== step) {
        step = s;
        const k = kept[s] as Kept;
        walker.currentNode = k.node;
        node = k.node;
        pos = k.start;
      }
      while (node && pos + node.length <= o) {
        pos += node.length;
        node = walker.nextNode() as Text | null;
        if (++seen % WALK_SLICE === 0) yield;
      }
      if (node && hits[hits.length - 1] !== node) hits.push(node);
    }
    return hits;
  }
  let pos = 0;
  let k = 0;
  for (let n = walker.nextNode(); n && k < offsets.length; n = walker.nextNode()) {
    const end = pos + (n as Text).length;
    if ((offsets[k] as number) < end) {
      hits.push(n as Text);
      while (k < offsets.length && (offsets[k] as number) < end) k++;
    }
    pos = end;
    if (++seen % WALK_SLICE === 0) yield;
  }
  return hits;
}

/** A step of the locate phase (what the pump measures it as). */
const LOCATE = { phase: PHASE_MEASURES.locate, records: [] as never[] };

/**
 * The locate phase of a root's scan: its text read, the probe's first look over large slices (a
 * regex pass costs a few milliseconds a megabyte) and its candidates over smaller ones. Returns
 * the read text and the candidate offsets in page text, ascending; yields between steps. With a
 * `gate`, it also notes whether any hit can count now (see `PatternGate`).
 */
export function* locate(
  root: Node,
  probe: Probe,
  inSteps: boolean,
  gate?: CandidateGate,
): Generator<typeof LOCATE, { read: ReadText; offsets: number[] }, void> {
  const reading = readText(root, inSteps);
  let r = reading.next();
  for (; !r.done; r = reading.next()) yield LOCATE;
  const read = r.value;
  yield LOCATE;
  const offsets: number[] = [];
  for (const { text, from: own, to, base } of read.windows) {
    const starts: number[] | null = probe.looksNatively ? [] : null;
    // Script and style text is in `textContent` too, and never marked: its starts are not probed.
    const skip = read.kept === null && root.nodeType === 1 ? codeRanges(root as Element, text) : [];
    if (starts)
      // The first look runs only between the code ranges.
      for (const [a, b] of between(own, to, skip))
        for (let from = a; from < b; from += FIRST_LOOK_SLICE) {
          for (const i of probe.firstLook(text, from, Math.min(b, from + FIRST_LOOK_SLICE)) ?? [])
            starts.push(i);
          yield LOCATE;
        }
    for (let from = own; from < to; from += TEXT_SLICE) {
      const slice = probe.candidates(
        text,
        Number.POSITIVE_INFINITY,
        from,
        Math.min(to, from + TEXT_SLICE),
        starts,
        gate,
      );
      for (const o of slice) offsets.push(o + base);
      yield LOCATE;
    }
  }
  return { read, offsets };
}

/** Elements whose text is code or markup, never prose: scripts, styles, templates. */
const CODE_SELECTOR = 'script,style,noscript,template';
/** Shorter code than this is not worth finding (it cannot hold many starts). */
const CODE_MIN_LENGTH = 200;

/**
 * Where the text of a root's scripts and styles lies in its `textContent`, ascending. Real pages
 * carry kilobytes of inline script and JSON in <body>: probed like prose, it gave many pages
 * twice the first look's starts (1,901 against 93 on one news page). Each element's own text is
 * found with a native search from the end of the last one, in document order; one not found is
 * simply probed.
 */
export function codeRanges(root: Element, text: string): [number, number][] {
  const out: [number, number][] = [];
  let cursor = 0;
  for (const el of root.querySelectorAll(CODE_SELECTOR)) {
    const code = el.textContent ?? '';
    if (code.length < CODE_MIN_LENGTH) continue;
    const at = text.indexOf(code, cursor);
    if (at < 0) continue;
    out.push([at, at + code.length]);
    cursor = at + code.length;
  }
  return out;
}

/** The parts of [from, to) that sorted, disjoint ranges leave uncovered. */
export function between(from: number, to: number, ranges: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let at = from;
  for (const [a, b] of ranges) {
    if (b <= at) continue;
    if (a >= to) break;
    if (a > at) out.push([at, a]);
    at = Math.max(at, b);
  }
  if (at < to) out.push([at, to]);
  return out;
}
