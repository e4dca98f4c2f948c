/** @deprecated The scan's code lives in scan/ now; this module re-exports it for imports not yet moved. */
export { PHASE_MEASURES, READ_MEASURE, SCAN_MEASURE } from './measures';
export { CHUNK_BUDGET_MS, RENDER_BATCH, Scanner, type ShownMention } from './scan/scanner';
export { segmentsOf } from './scan/segments';
export {
  FIRST_LOOK_SLICE,
  READ_SLICE,
  TEXT_SLICE,
  type TextWindow,
  WALK_SLICE,
  WINDOW_AFTER,
  WINDOW_BEFORE,
  windowsOf,
} from './scan/text-reader';
