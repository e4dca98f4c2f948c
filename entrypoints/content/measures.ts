/**
 * The names of the performance marks and measures the content script records. Benchmarks and
 * tests import them from here, so a rename cannot silently break a figure.
 */

/** Marked when the content script starts (before it reads settings). */
export const START_MARK = 'backstory:start';
/** Every chunk of scan work records one measure of this name. */
export const SCAN_MEASURE = 'backstory:scan';
/** Parts of each chunk, measured inside it: reading and first look, blocks, wrapping. */
export const PHASE_MEASURES = {
  locate: 'backstory:scan:locate',
  blocks: 'backstory:scan:blocks',
  wrap: 'backstory:scan:wrap',
} as const;
/** The one `textContent` read of the body, inside `locate` (the bench sets it against the floor). */
export const READ_MEASURE = 'backstory:scan:read';
/** A card's first paint: from the hover delay's end (or focus) to the frame after rendering. */
export const CARD_MEASURE = 'backstory:card';
/** Where `CARD_MEASURE` starts. */
export const CARD_OPEN_MARK = 'backstory:card-open-start';
/** Each idle task of the card's warm-up (the bench reports the longest). */
export const WARMUP_STEP_MEASURE = 'backstory:card-warmup:step';
/** The card's whole warm-up: the work of its tasks, not the idle time between them. */
export const WARMUP_MEASURE = 'backstory:card-warmup';
