/** Virtual modules served by data/vite-plugin.ts. */
declare module 'virtual:backstory/match-index' {
  const index: import('./types').MatchEntity[];
  export default index;
  /** What the matcher prepares at build time for this index (see Matcher.prepare). */
  export const prepared: import('./matcher').PreparedMatcher;
}
declare module 'virtual:backstory/probe' {
  /** What the content script's probe needs (see data/match/probe.ts). */
  const data: import('./match/probe').ProbeData;
  export default data;
}
declare module 'virtual:backstory/dataset' {
  const dataset: { entities: import('./types').Entity[]; meta: import('./types').DatasetMeta };
  export default dataset;
}
