import { type AliasRule, type DatasetMeta, type Entity, type MatchEntity, OPEN_END } from './types';

const rule = (a: Entity['aliases'][number]): AliasRule => (typeof a === 'string' ? { text: a } : a);

/** The ISO date before an ISO date. */
export function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The slice of an entity the content script needs to find it: aliases and rules, no texts. */
export function toMatchEntity(e: Entity): MatchEntity {
  return {
    id: e.id,
    category: e.category,
    scope: e.scope,
    name: e.name,
    aliases: [
      ...e.aliases.map(rule),
      // Names of an office count for its holder while the role was held; on the day it changed
      // hands they name the new holder.
      ...(e.roles ?? []).flatMap((r) =>
        (r.aliases ?? []).map((a) => ({
          ...rule(a),
          during: [r.from, r.to ? dayBefore(r.to) : OPEN_END] as [string, string],
        })),
      ),
    ],
    ...(e.titles ? { titles: e.titles } : {}),
    ...(e.citation ? { citation: e.citation } : {}),
  };
}

/** Counts shown in the About section; `updated` is the newest entity edit. */
export function datasetMeta(entities: Entity[]): DatasetMeta {
  return {
    updated:
      entities
        .map((e) => e.updated)
        .sort()
        .at(-1) ?? '0000-00-00',
    entities: entities.length,
    sources: entities.reduce((n, e) => n + e.sources.length, 0),
  };
}
