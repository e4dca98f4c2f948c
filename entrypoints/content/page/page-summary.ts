import type { Mention } from '../../../data/matcher';
import type { PageSummary } from '../../../data/messages';
import { flash, marksOf } from '../marks';
import type { ShownMention } from '../scan/scanner';

/** Counts the shown mentions by entity, in order of first appearance, and the quiet ones. */
export function summarize(
  shown: ShownMention[],
  quiet: { mention: Mention; count: number }[],
  host: string,
  active: boolean,
  nameOf: (id: string) => string,
): PageSummary {
  const byId = new Map<string, PageSummary['entities'][number]>();
  for (const { mention } of shown) {
    const e = byId.get(mention.entity);
    if (e) e.count++;
    else
      byId.set(mention.entity, {
        id: mention.entity,
        category: mention.category,
        name: nameOf(mention.entity),
        count: 1,
      });
  }
  return {
    host,
    active,
    entities: [...byId.values()],
    total: shown.length,
    quiet: quiet.map(({ mention, count }) => ({
      id: mention.entity,
      category: mention.category,
      name: nameOf(mention.entity),
      count,
    })),
  };
}

const lastJump = new Map<string, number>();

/** Scrolls to the next mention of an entity (cycling) and flashes it. Returns its 1-based index. */
export function jumpTo(id: string): { index: number; count: number } {
  const marks = marksOf(id);
  if (marks.length === 0) return { index: 0, count: 0 };
  const index = ((lastJump.get(id) ?? -1) + 1) % marks.length;
  lastJump.set(id, index);
  const mark = marks[index] as HTMLElement;
  const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
  mark.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
  flash(mark);
  return { index: index + 1, count: marks.length };
}
