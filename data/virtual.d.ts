/** Virtual modules served by data/vite-plugin.ts. */
declare module 'virtual:backstory/match-index' {
  const index: import('./types').MatchEntity[];
  export default index;
  /** What the matcher prepares at build time for this index (see Matcher.prepare). */
  export const prepared: import('./matcher').PreparedMatcher;
}
declare module 'virtual:backstory/dataset' {
  const dataset: { entities: import('./types').Entity[]; meta: import('./types').DatasetMeta };
  export default dataset;
}
