/** @deprecated The observer lives in scan/observer.ts; this module re-exports it for imports not yet moved. */
export * from './scan/observer';
