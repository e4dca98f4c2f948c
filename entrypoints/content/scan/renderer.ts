import { type Relevance, shownIndexes } from '../../../data/display-policy';
import type { Mention } from '../../../data/matcher';
import type { Settings } from '../../../data/settings';
import type { ScanEngine } from './engine';
import { restore } from './highlighter';
import type { RecordStore, SegmentRecord } from './records';

/** Records wrapped together with one mark.js call. */
export const RENDER_BATCH = 24;

/** What the renderer reads and calls. */
export interface RendererDeps {
  records: RecordStore;
  engine: () => ScanEngine | null;
  settings: () => Settings;
  active: () => boolean;
  relevance: () => Relevance;
  /** Runs DOM writes with the page's observer stood aside. */
  write: (fn: () => void) => void;
  /** The marks changed; `added` lists the new ones. */
  changed: (added: readonly Element[]) => void;
}

/**
 * Keeps each record's marks in step with what the display policy allows: wraps (mark.js, from
 * the engine) or unwraps only the records whose shown mentions or style changed.
 */
export class MarkRenderer {
  constructor(private readonly deps: RendererDeps) {}

  /** Wraps or unwraps so each record shows exactly the mentions the settings and relevance allow. */
  render(records: readonly SegmentRecord[]): void {
    const { records: store, settings: getSettings } = this.deps;
    const engine = this.deps.engine();
    // Records exist only once the engine has loaded; without it there is nothing to wrap.
    if (!engine) return;
    const settings = getSettings();
    const active = this.deps.active();
    const page = this.deps.relevance();
    // First-mention mode looks at the whole page: the first shown mention of each entity.
    const firstOf =
      settings.mode === 'first'
        ? new Map(
            shownIndexes(
              store.all.map((r) => r.mentions),
              settings,
              page,
            ).map((want, i) => [store.all[i] as SegmentRecord, want]),
          )
        : null;
    const jobs: { rec: SegmentRecord; want: number[]; key: string }[] = [];
    for (const rec of records) {
      // A record whose text the page has replaced since it was read is stale: its block is read
      // again when the page's change is handled, and mark.js cannot wrap a detached node.
      if (rec.dropped || rec.segment.nodes.some((n) => !n.isConnected)) continue;
      const want = !active
        ? []
        : (firstOf?.get(rec) ?? shownIndexes([rec.mentions], settings, page)[0] ?? []);
      const key = want.length ? `${want.join(',')}|${settings.style}` : '';
      if (key !== rec.key) jobs.push({ rec, want, key });
    }
    if (jobs.length === 0) return;
    const added: Element[] = [];
    this.deps.write(() => {
      for (const { rec } of jobs) {
        restore(rec.restorers);
        store.wrapped(rec, []);
      }
      const wrapped = engine.wrapMany(
        jobs.map(({ rec, want }) => ({
          segment: rec.segment,
          ranges: want.map((i) => {
            const m = rec.mentions[i] as Mention;
            const attrs: Record<string, string> = {
              'data-entity': m.entity,
              'data-category': m.category,
              'data-style': settings.style,
            };
            if (m.detail) attrs['data-detail'] = m.detail;
            if (m.coref) attrs['data-coref'] = 'true';
            return { start: m.start, end: m.end, attrs };
          }),
        })),
      );
      jobs.forEach(({ rec, want, key }, j) => {
        const restorers = wrapped[j] ?? [];
        store.wrapped(rec, restorers);
        // The pieces are our marks (elements) and the text after them.
        for (const r of restorers) for (const p of r.pieces) if (p.nodeType === 1) added.push(p as Element);
        rec.shown = want.join(',');
        rec.key = key;
      });
    });
    this.deps.changed(added);
  }
}
