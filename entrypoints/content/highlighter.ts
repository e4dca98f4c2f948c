/** @deprecated The highlighter lives in scan/highlighter.ts; this module re-exports it for imports not yet moved. */
export * from './scan/highlighter';
