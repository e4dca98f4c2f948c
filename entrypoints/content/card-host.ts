/**
 * @deprecated The card's code lives in card/ now (controller, intent, data, host, placement,
 * keyboard, warm-up). This module only re-exports it for imports not yet moved.
 */
export { CardController, type CardControllerOptions } from './card/controller';
export { FETCH_BATCH } from './card/data';
export { CLOSE_GRACE_MS, REST_TOLERANCE_PX } from './card/intent';
export { WARMUP_QUIET_MS } from './card/warm-up';
export { WARMUP_STEP_MEASURE } from './measures';
