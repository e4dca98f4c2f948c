import type { Mention } from '../../../data/matcher';
import type { Restorer, Segment } from './highlighter';

/** One segment of text with the mentions found in it and what is currently wrapped. */
export interface SegmentRecord {
  block: Element;
  segment: Segment;
  mentions: Mention[];
  restorers: Restorer[];
  /** Indexes of the mentions wrapped now, comma-separated. */
  shown: string;
  /** `shown` plus the style they were wrapped with; '' when nothing is wrapped. */
  key: string;
  /** Forgotten (its block changed or left the page): never wrap it again. */
  dropped?: boolean;
}

/** A mention as shown on the page, for the popup and for navigation. */
export interface ShownMention {
  mention: Mention;
  record: SegmentRecord;
}

/**
 * The scanner's bookkeeping: every record, by block, and by the text node we split. It never
 * touches the page; the scanner writes and then tells it what changed.
 */
export class RecordStore {
  private list: SegmentRecord[] = [];
  private readonly byBlock = new Map<Element, SegmentRecord[]>();
  private byNode = new WeakMap<Text, SegmentRecord>();

  /** Every live record, in the order they were found. */
  get all(): readonly SegmentRecord[] {
    return this.list;
  }

  /** The records of one block, if it was read. */
  of(block: Element): readonly SegmentRecord[] | undefined {
    return this.byBlock.get(block);
  }

  /** The record whose wrapping split this text node. */
  owner(node: Node): SegmentRecord | undefined {
    return node.nodeType === 3 ? this.byNode.get(node as Text) : undefined;
  }

  /** A new record for a block. */
  add(rec: SegmentRecord): void {
    this.list.push(rec);
    const list = this.byBlock.get(rec.block) ?? [];
    list.push(rec);
    this.byBlock.set(rec.block, list);
  }

  /** The record's wrapping changed: what it now splits. */
  wrapped(rec: SegmentRecord, restorers: Restorer[]): void {
    for (const r of rec.restorers) this.byNode.delete(r.node);
    rec.restorers = restorers;
    for (const r of restorers) this.byNode.set(r.node, rec);
  }

  /** Forgets a record (its marks were already removed). */
  drop(rec: SegmentRecord): void {
    this.wrapped(rec, []);
    rec.shown = '';
    rec.key = '';
    rec.dropped = true;
    this.list = this.list.filter((r) => r !== rec);
    const list = this.byBlock.get(rec.block)?.filter((r) => r !== rec) ?? [];
    if (list.length) this.byBlock.set(rec.block, list);
    else this.byBlock.delete(rec.block);
  }

  /** Forgets records whose block left the page; true when there were any. */
  prune(): boolean {
    const kept = this.list.filter((r) => r.block.isConnected);
    if (kept.length === this.list.length) return false;
    for (const r of this.list)
      if (!r.block.isConnected) {
        this.byBlock.delete(r.block);
        r.dropped = true;
      }
    this.list = kept;
    return true;
  }

  /** The mentions currently shown on the page, in order of discovery. */
  shown(): ShownMention[] {
    const out: ShownMention[] = [];
    for (const record of this.list) {
      if (!record.block.isConnected) continue;
      for (const i of record.shown ? record.shown.split(',') : [])
        out.push({ mention: record.mentions[Number(i)] as Mention, record });
    }
    return out;
  }

  /** Forgets everything. */
  clear(): void {
    this.list = [];
    this.byBlock.clear();
    this.byNode = new WeakMap();
  }
}
