/**
 * The first stage over a stretch of page text, as one request: where a mention may start in
 * [from, to), with the native first look kept out of `skip` (script and style text). The content
 * script runs it in the background when it can (one message, off the page's main thread), and
 * here, in steps, when it cannot; both run this code, so both give the same offsets.
 */
import type { Probe } from './probe';

/** Characters of page text one native first look reads per step, and one request carries. */
export const LOOK_SLICE = 500_000;
/** Characters of page text the probe checks per step. */
export const PROBE_SLICE = 20_000;
/** Context a request carries before its own range (word starts, numbers near a "§"). */
export const CONTEXT_BEFORE = 64;
/** Context a request carries after its own range: room for any alias that starts inside it. */
export const CONTEXT_AFTER = 2_048;
/** The largest text one request may carry (a range of LOOK_SLICE and its context). */
export const MAX_LOOK_TEXT = LOOK_SLICE + CONTEXT_BEFORE + CONTEXT_AFTER;

/** Find candidates in [from, to) of `text`; the first look skips the sorted, disjoint `skip` ranges. */
export interface LookRequest {
  text: string;
  from: number;
  to: number;
  skip: [number, number][];
}

/** The candidate offsets in `text`, ascending; yields between steps. */
export function* look(probe: Probe, req: LookRequest): Generator<void, number[], void> {
  const { text, from: own, to, skip } = req;
  const starts: number[] | null = probe.looksNatively ? [] : null;
  if (starts)
    for (const [a, b] of between(own, to, skip))
      for (let from = a; from < b; from += LOOK_SLICE) {
        for (const i of probe.firstLook(text, from, Math.min(b, from + LOOK_SLICE)) ?? []) starts.push(i);
        yield;
      }
  const offsets: number[] = [];
  for (let from = own; from < to; from += PROBE_SLICE) {
    for (const o of probe.candidates(
      text,
      Number.POSITIVE_INFINITY,
      from,
      Math.min(to, from + PROBE_SLICE),
      starts,
    ))
      offsets.push(o);
    yield;
  }
  return offsets;
}

/** `look` run to the end at once (the background's way: it has no page to keep responsive). */
export function lookAtOnce(probe: Probe, req: LookRequest): number[] {
  const steps = look(probe, req);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/**
 * One request per `size` characters of [from, to), each with its context, and the shift that
 * turns its offsets into offsets in `text`. A single request keeps `text` itself (no copy).
 */
export function splitLook(req: LookRequest, size = LOOK_SLICE): { req: LookRequest; shift: number }[] {
  const { text, from, to, skip } = req;
  if (to - from <= size) return [{ req, shift: 0 }];
  const out: { req: LookRequest; shift: number }[] = [];
  for (let a = from; a < to; a += size) {
    const b = Math.min(to, a + size);
    const s = Math.max(0, a - CONTEXT_BEFORE);
    const e = Math.min(text.length, b + CONTEXT_AFTER);
    const own: [number, number][] = [];
    for (const [x, y] of skip) if (y > s && x < e) own.push([Math.max(x, s) - s, Math.min(y, e) - s]);
    out.push({ req: { text: text.slice(s, e), from: a - s, to: b - s, skip: own }, shift: s });
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

const isIndex = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/**
 * True for a well-formed request within the size limit: the background checks what a content
 * script sends, because a page it runs in may be hostile.
 */
export function isLookRequest(v: unknown): v is LookRequest {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  if (typeof r.text !== 'string' || r.text.length > MAX_LOOK_TEXT) return false;
  if (!isIndex(r.from) || !isIndex(r.to) || r.from > r.to || r.to > r.text.length) return false;
  if (!Array.isArray(r.skip) || r.skip.length > 100_000) return false;
  let last = 0;
  for (const pair of r.skip) {
    if (!Array.isArray(pair) || pair.length !== 2) return false;
    const [a, b] = pair as unknown[];
    if (!isIndex(a) || !isIndex(b) || a < last || b < a) return false;
    last = b;
  }
  return true;
}
