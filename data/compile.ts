import type { DatasetMeta, Entity, MatchEntity } from './types';

/** The slice of an entity the content script needs to find it: aliases and rules, no texts. */
export function toMatchEntity(e: Entity): MatchEntity {
  return {
    id: e.id,
    category: e.category,
    scope: e.scope,
    name: e.name,
    aliases: e.aliases.map((a) => (typeof a === 'string' ? { text: a } : a)),
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
