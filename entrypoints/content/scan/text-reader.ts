/**
 * How the scanner reads a page's text, and maps offsets in that text back to text nodes.
 * Two strategies: one native `textContent` read (fast; the floor the bench compares against), or,
 * for a huge page, a read node by node in steps (slower in total, but no step runs long). Both
 * are generators: each `yield` is a point where the scanner may pause for the next idle period.
 */
import {
  CONTEXT_AFTER,
  CONTEXT_BEFORE,
  LOOK_SLICE,
  type LookRequest,
  look,
  splitLook,
} from '../../../data/match/look';
import type { Probe } from '../../../data/match/probe';
import { PHASE_MEASURES, READ_MEASURE } from '../measures';

/** Text nodes the walk visits per step. */
export const WALK_SLICE = 4_000;
/** Text nodes a read in steps reads per step: each costs a few µs. */
export const READ_SLICE = 500;

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
 * window ends inside it unless it runs more than CONTEXT_AFTER characters past the window's end.
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
    for (let j = i; j < pieces.length && after.length < CONTEXT_AFTER; j++) after += pieces[j];
    const body = own.join('');
    yield {
      text: before + body + after.slice(0, CONTEXT_AFTER),
      from: before.length,
      to: before.length + length,
      base: start - before.length,
    };
    before = (before + body).slice(-CONTEXT_BEFORE);
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
  return { windows: windowsOf(pieces, LOOK_SLICE), kept };
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

/** A step of the locate phase (what the pump measures it as); `wait` while the background looks. */
interface LocateStep {
  phase: typeof PHASE_MEASURES.locate;
  records: never[];
  wait?: Promise<unknown>;
}
const LOCATE: LocateStep = { phase: PHASE_MEASURES.locate, records: [] };

/**
 * Runs the first look elsewhere (the background): the candidate offsets in the request's text,
 * or null when it could not (then the page looks itself).
 */
export type LookElsewhere = (req: LookRequest) => Promise<number[] | null>;

/**
 * The locate phase of a root's scan: its text read, then the first look and the probe's
 * candidates over it, in the background when `elsewhere` is given (the page's thread only sends
 * the text, a request a step), else here in steps. Returns the read text and the candidate
 * offsets in page text, ascending; yields between steps.
 */
export function* locate(
  root: Node,
  probe: () => Probe,
  inSteps: boolean,
  elsewhere?: LookElsewhere,
): Generator<LocateStep, { read: ReadText; offsets: number[] }, void> {
  const reading = readText(root, inSteps);
  let r = reading.next();
  for (; !r.done; r = reading.next()) yield LOCATE;
  const read = r.value;
  yield LOCATE;
  const offsets: number[] = [];
  for (const { text, from, to, base } of read.windows) {
    if (to <= from) continue;
    // Script and style text is in `textContent` too, and never marked: its starts are not looked at.
    const skip = read.kept === null && root.nodeType === 1 ? codeRanges(root as Element, text) : [];
    const req: LookRequest = { text, from, to, skip };
    if (elsewhere) {
      const found = yield* lookElsewhere(req, elsewhere);
      if (found) {
        for (const o of found) offsets.push(o + base);
        continue;
      }
    }
    const steps = look(probe(), req);
    let s = steps.next();
    for (; !s.done; s = steps.next()) yield LOCATE;
    for (const o of s.value) offsets.push(o + base);
  }
  return { read, offsets };
}

/**
 * Sends a request a step (serialising a message costs the page a few ns a character), then
 * waits for every answer: the offsets in `req.text`, or null when any part went unanswered.
 */
function* lookElsewhere(
  req: LookRequest,
  elsewhere: LookElsewhere,
): Generator<LocateStep, number[] | null, void> {
  const parts = splitLook(req);
  const asked: Promise<number[] | null>[] = [];
  for (const part of parts) {
    if (asked.length) yield LOCATE;
    asked.push(elsewhere(part.req).catch(() => null));
  }
  let answers: (number[] | null)[] = [];
  yield {
    ...LOCATE,
    wait: Promise.all(asked).then((a) => {
      answers = a;
    }),
  };
  if (answers.length !== parts.length || answers.some((a) => a === null)) return null;
  const out: number[] = [];
  parts.forEach((p, k) => {
    for (const o of answers[k] as number[]) out.push(o + p.shift);
  });
  return out;
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
