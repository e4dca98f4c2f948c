/**
 * Diagnostic (not part of `npm run bench`): where the content script's start-up and first scan
 * chunk go on a real page with nothing to find, from a CPU profile in real Chromium. Writes
 * tests/bench/profile-real-page.md. Build unminified first, so function names are readable:
 *   BACKSTORY_NO_MINIFY=1 BACKSTORY_SOURCEMAP=1 BACKSTORY_OUT_DIR=.output-prof npx wxt build
 *   BACKSTORY_OUT_DIR=.output-prof npx tsx tests/bench/diag-profile-real.ts [page name] [runs]
 * With the source map, each function is also named by its source file and line.
 *
 * The profile is taken with the trace (Tracing domain, `disabled-by-default-v8.cpu_profiler` and
 * `blink.user_timing`), so its samples and the content script's own start mark and scan measures
 * share one clock: each sample falls into at most one of four windows:
 * - evaluation: from the start of the browser's `EvaluateScript` of content.js to the start mark
 *   (compiling the bundle, then its top-level code: the dataset, the module set-up, WXT's wrapper,
 *   up to `main`); the trace's own `v8.compile` and `v8.run` of content.js are reported too;
 * - start-up: from the start mark to the first scan chunk (reading the settings, building the
 *   matcher and the scanner, the observer, waiting for the first idle slot);
 * - first chunk: the first `SCAN_MEASURE`;
 * - later chunks: every later `SCAN_MEASURE` together (on a page whose first look found
 *   candidates: loading the scan engine, the matcher, the display policy, wrapping).
 * The page is served as the benchmark serves it: CSP `script-src 'none'`, outside requests blocked.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCAN_MEASURE, START_MARK } from '../../entrypoints/content/measures';
import { EXTENSION_DIR, ExtensionBrowser, ROOT, TestServer } from '../e2e/harness';
import { loadRealPages } from '../real-pages';
import { NAMES, percentile, settleAndRead } from './browser';
import { PAGE_CSP } from './real-pages';

/** A typical page with nothing to find: see profile-real-page.md for why this one. */
const DEFAULT_PAGE = 'pitchfork.com.html';
const pageName = process.argv[2] ?? DEFAULT_PAGE;
const runs = Number(process.argv[3] ?? process.env.RUNS ?? 5);
const TOP = 20;

interface TraceEvent {
  cat: string;
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  id?: string;
  id2?: { local?: string };
  args?: {
    fileName?: string;
    data?: {
      url?: string;
      startTime?: number;
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}
interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: {
    functionName: string;
    url?: string;
    lineNumber?: number;
    columnNumber?: number;
    codeType?: string;
  };
}
type Window = 'evaluation' | 'start-up' | 'first chunk' | 'later chunks';
const WINDOWS: Window[] = ['evaluation', 'start-up', 'first chunk', 'later chunks'];

const page = loadRealPages().find((p) => p.name === pageName);
if (!page) throw new Error(`no page ${pageName} in tests/fixtures/real-pages`);
const contentJs = readFileSync(join(EXTENSION_DIR, 'content-scripts/content.js'), 'utf8');
const minified = !/\bclass Scanner\b/.test(contentJs);
if (minified)
  console.warn('content.js looks minified: build with BACKSTORY_NO_MINIFY=1 for readable function names.');

const server = new TestServer();
await server.start();
const url = server.route('/profile.html', {
  body: page.html,
  headers: { 'content-security-policy': PAGE_CSP },
});
const b = await ExtensionBrowser.launch();
await b.context.route(
  (u) => /^(https?|wss?):$/.test(u.protocol) && u.origin !== server.origin,
  (r) => r.abort('blockedbyclient'),
);

/** Self time per label and window: one sum per load (ms). */
const self: Record<Window, Map<string, number[]>> = {
  evaluation: new Map(),
  'start-up': new Map(),
  'first chunk': new Map(),
  'later chunks': new Map(),
};
/** Inclusive time of content.js functions per window: one sum per load (ms). */
const inclusive: Record<Window, Map<string, number[]>> = {
  evaluation: new Map(),
  'start-up': new Map(),
  'first chunk': new Map(),
  'later chunks': new Map(),
};
const spans: Record<Window, number[]> = {
  evaluation: [],
  'start-up': [],
  'first chunk': [],
  'later chunks': [],
};
/** The trace's own events for content.js: the whole evaluation, its compile and its top-level run. */
const script = { evaluate: [] as number[], compile: [] as number[], run: [] as number[] };
const measured = { startup: [] as number[], firstChunk: [] as number[], scan: [] as number[] };

/** Source maps of the extension's scripts (content.js and what it loads), when the build wrote them. */
const sourceMaps = new Map<string, ReturnType<typeof readSourceMap>>();
const sourceMapOf = (url: string) => {
  const path = new URL(url).pathname;
  if (!sourceMaps.has(path)) sourceMaps.set(path, readSourceMap(join(EXTENSION_DIR, `${path}.map`)));
  return sourceMaps.get(path);
};

/** A function's name and where it is: its source file and line when a map knows, else the script's. */
const label = (n: ProfileNode) => {
  const f = n.callFrame;
  const name = f.functionName.startsWith('RegExp:')
    ? `${f.functionName.slice(0, 60)}…`
    : f.functionName || '(anonymous)';
  const file = (f.url ?? '').replace(/^.*\//, '');
  if (!file) return name;
  const at = `${file}:${(f.lineNumber ?? 0) + 1}`;
  const src = ours(n) ? sourceMapOf(f.url ?? '')?.(f.lineNumber ?? 0, f.columnNumber ?? 0) : undefined;
  return `${name} ${src ?? at}`;
};
/** Adds `dt` to a label's sum for this load. */
const add = (m: Map<string, number[]>, key: string, run: number, dt: number) => {
  const per = m.get(key) ?? Array<number>(runs).fill(0);
  per[run] = (per[run] ?? 0) + dt;
  m.set(key, per);
};
/** Code of the extension: content.js and the scripts it loads (the scan engine, the card). */
function ours(n: ProfileNode): boolean {
  return (n.callFrame.url ?? '').startsWith('chrome-extension://');
}

for (let run = 0; run < runs; run++) {
  const p = await b.context.newPage();
  const cdp = await b.context.newCDPSession(p);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.start', {
    traceConfig: {
      includedCategories: [
        'disabled-by-default-v8.cpu_profiler',
        'blink.user_timing',
        'devtools.timeline',
        'v8',
      ],
    },
    transferMode: 'ReportEvents',
  });
  await p.goto(url, { waitUntil: 'load' });
  const scan = await p.evaluate(settleAndRead, {
    names: NAMES,
    quietMs: 400,
    startTimeout: 3000,
    timeout: 30_000,
    warmupTimeout: 3000,
  });
  await cdp.send('Tracing.end');
  await complete;
  await p.close();
  measured.startup.push((scan.scans[0]?.start ?? Number.NaN) - scan.started);
  measured.firstChunk.push(scan.scans[0]?.duration ?? Number.NaN);
  measured.scan.push(scan.scans.reduce((a, s) => a + s.duration, 0));

  const start = events.find((e) => e.cat.includes('blink.user_timing') && e.name === START_MARK);
  if (!start) throw new Error('no start mark in the trace');
  const pid = start.pid;
  const begins = events
    .filter((e) => e.pid === pid && e.name === SCAN_MEASURE && e.ph === 'b')
    .sort((x, y) => x.ts - y.ts);
  const first = begins[0];
  const end = events.find(
    (e) => e.pid === pid && e.name === SCAN_MEASURE && e.ph === 'e' && e.id2?.local === first?.id2?.local,
  );
  if (!first || !end) throw new Error('no scan measure in the trace');

  // The renderer's main-thread profile: its Profile event, then its chunks in order.
  const profile = events.find((e) => e.pid === pid && e.name === 'Profile');
  const nodes = new Map<number, ProfileNode>();
  const samples: { t: number; node: number }[] = [];
  let t = profile?.args?.data?.startTime ?? 0;
  for (const c of events.filter((e) => e.pid === pid && e.name === 'ProfileChunk' && e.id === profile?.id)) {
    for (const n of c.args?.data?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    const ids = c.args?.data?.cpuProfile?.samples ?? [];
    const deltas = c.args?.data?.timeDeltas ?? [];
    ids.forEach((id, k) => {
      t += deltas[k] ?? 0;
      samples.push({ t, node: id });
    });
  }
  samples.sort((x, y) => x.t - y.t);
  const stack = (id: number) => {
    const out: ProfileNode[] = [];
    for (let n = nodes.get(id); n; n = n.parent === undefined ? undefined : nodes.get(n.parent)) out.push(n);
    return out;
  };
  const isContentJs = (e: TraceEvent) =>
    e.pid === pid &&
    /content-scripts\/content\.js$/.test(e.args?.data?.url ?? e.args?.fileName ?? '') &&
    e.ts <= start.ts;
  const last = (name: string) =>
    events.filter((e) => e.name === name && isContentJs(e)).sort((x, y) => y.ts - x.ts)[0];
  const evaluate = last('EvaluateScript');
  script.evaluate.push((evaluate?.dur ?? Number.NaN) / 1000);
  script.compile.push((last('v8.compile')?.dur ?? Number.NaN) / 1000);
  script.run.push((last('v8.run')?.dur ?? Number.NaN) / 1000);
  const evalStart =
    evaluate?.ts ?? samples.find((s) => s.t < start.ts && stack(s.node).some(ours))?.t ?? start.ts;
  // Every window is a list of intervals: the later chunks are every scan measure after the first.
  // Scan measures never overlap one another: the n-th end closes the n-th begin.
  const ends = events
    .filter((e) => e.pid === pid && e.name === SCAN_MEASURE && e.ph === 'e')
    .sort((x, y) => x.ts - y.ts);
  const later = begins
    .slice(1)
    .flatMap((b, i): [number, number][] => (ends[i + 1] ? [[b.ts, (ends[i + 1] as TraceEvent).ts]] : []));
  const bounds: Record<Window, [number, number][]> = {
    evaluation: [[evalStart, start.ts]],
    'start-up': [[start.ts, first.ts]],
    'first chunk': [[first.ts, end.ts]],
    'later chunks': later,
  };
  for (const w of WINDOWS) spans[w].push(bounds[w].reduce((a, [x, y]) => a + y - x, 0) / 1000);
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] as { t: number; node: number };
    // A sample stands for the time until the next one.
    const dt = ((samples[i + 1]?.t ?? s.t) - s.t) / 1000;
    const w = WINDOWS.find((x) => bounds[x].some(([a, z]) => s.t >= a && s.t < z));
    if (!w) continue;
    const st = stack(s.node);
    const top = st[0];
    if (!top) continue;
    add(self[w], label(top), run, dt);
    const seen = new Set<string>();
    for (const n of st)
      if (ours(n) && !seen.has(label(n))) {
        seen.add(label(n));
        add(inclusive[w], label(n), run, dt);
      }
  }
}
await b.close();
await server.stop();

const med = (xs: number[]) => percentile(xs, 50);
const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
const table = (m: Map<string, number[]>, window: number) =>
  [...m]
    .map(([k, v]) => [k, med(v), mean(v)] as const)
    .sort((x, y) => y[1] - x[1] || y[2] - x[2])
    .slice(0, TOP)
    .map(
      ([k, md, mn]) =>
        `| ${md.toFixed(2)} | ${mn.toFixed(2)} | ${((100 * md) / window).toFixed(0)}% | \`${k}\` |`,
    );
const md = [
  `# CPU profile of the content script on a real page: ${pageName}`,
  '',
  `${new Date().toISOString()}; Chromium; ${runs} loads, each in a fresh tab; page ${(page.html.length / 1024).toFixed(0)} KB of HTML, served with CSP \`${PAGE_CSP}\` and outside requests blocked; content.js ${minified ? 'MINIFIED (names unreadable)' : 'unminified (BACKSTORY_NO_MINIFY=1)'}. Made by \`tests/bench/diag-profile-real.ts\` (see its header for the commands).`,
  '',
  `From the page's own timeline (median of ${runs}): start-up (start mark → first chunk) ${med(measured.startup).toFixed(1)} ms; first chunk ${med(measured.firstChunk).toFixed(1)} ms; whole scan ${med(measured.scan).toFixed(1)} ms. Before the start mark, the trace's own events for content.js (median): EvaluateScript ${med(script.evaluate).toFixed(1)} ms, of which v8.compile ${med(script.compile).toFixed(1)} ms and v8.run ${med(script.run).toFixed(1)} ms (the evaluation ends just after the start mark, when \`main\` first awaits). The profiler adds its own overhead (samples every ~0.1–0.2 ms), so the absolute times below run a little higher than the bench's.`,
  '',
  "Self time per function, in ms per load: the median and the mean over the loads, and the median's share of the window's median length. `(program)` is native work outside JavaScript (style, layout, parsing, the browser injecting the script); `(idle)` is the main thread waiting (for the settings read or an idle slot); `(garbage collector)` is GC.",
  '',
];
for (const w of WINDOWS) {
  const window = med(spans[w]);
  md.push(
    `## ${w}: median ${window.toFixed(1)} ms per load (${Math.min(...spans[w]).toFixed(1)}–${Math.max(...spans[w]).toFixed(1)})`,
    '',
    '| self ms (median) | mean | share | function |',
    '|---:|---:|---:|---|',
    ...table(self[w], window),
    '',
    `Inclusive time of the extension's functions in this window (top ${TOP}):`,
    '',
    '| total ms (median) | mean | share | function |',
    '|---:|---:|---:|---|',
    ...table(inclusive[w], window),
    '',
  );
}
const out = process.env.PROFILE_MD ?? join(ROOT, 'tests/bench/profile-real-page.md');
writeFileSync(out, md.join('\n'));
console.log(md.join('\n'));
console.log(`written ${out}`);

/**
 * Reads a source map (version 3) and gives a lookup from a generated position (0-based line and
 * column) to "source/file.ts:line" (1-based), or undefined without a map.
 */
function readSourceMap(path: string): ((line: number, column: number) => string | undefined) | undefined {
  if (!existsSync(path)) return undefined;
  const map = JSON.parse(readFileSync(path, 'utf8')) as { sources: string[]; mappings: string };
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const lines: [number, number, number][][] = [];
  let src = 0;
  let srcLine = 0;
  for (const lineText of map.mappings.split(';')) {
    const segs: [number, number, number][] = [];
    let col = 0;
    for (const seg of lineText.split(',')) {
      if (!seg) continue;
      const vals: number[] = [];
      let shift = 0;
      let value = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          vals.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += vals[0] ?? 0;
      if (vals.length >= 4) {
        src += vals[1] ?? 0;
        srcLine += vals[2] ?? 0;
        segs.push([col, src, srcLine]);
      }
    }
    lines.push(segs);
  }
  const clean = (s: string) => s.replace(/^(\.\.\/)+(work\/main\/)?/, '').replace(/^node_modules\//, '');
  return (line, column) => {
    const segs = lines[line];
    if (!segs?.length) return undefined;
    let hit: [number, number, number] | undefined;
    for (const s of segs) if (s[0] <= column) hit = s;
    hit ??= segs[0];
    if (!hit) return undefined;
    const file = map.sources[hit[1]];
    return file ? `${clean(file)}:${hit[2] + 1}` : undefined;
  };
}
