/**
 * Every wait of the e2e journeys, derived from the constants the product exports, so a test
 * moves with the code it checks instead of carrying its own magic numbers.
 */
import { defaultSettings } from '../../data/settings';
import { CLOSE_GRACE_MS, REST_TOLERANCE_PX } from '../../entrypoints/content/card/intent';
import { WARMUP_QUIET_MS } from '../../entrypoints/content/card/warm-up';
import { OBSERVER_DEBOUNCE_MS, OBSERVER_MAX_WAIT_MS } from '../../entrypoints/content/scan/observer';

export { GIVE_UP_MS } from './drivers/base';
export { CLOSE_GRACE_MS, OBSERVER_DEBOUNCE_MS, OBSERVER_MAX_WAIT_MS, REST_TOLERANCE_PX, WARMUP_QUIET_MS };

/** The default hover delay (settings contract: 300 ms). */
export const HOVER_DELAY_MS = defaultSettings().hoverDelay;

/** One frame at 60 Hz. */
export const FRAME_MS = 1000 / 60;

/**
 * Scheduling slack for a timer and a frame on a loaded 2-core machine: a third of the close
 * grace (100 ms). Less than the grace on purpose: a stale close-grace timer that delays the next
 * card by a whole grace still fails a bound that carries this slack.
 */
export const SLACK_MS = Math.round(CLOSE_GRACE_MS / 3);

/** A resting pointer's card is open by then: the hover delay, the frame that paints it, the slack. */
export const CARD_OPEN_MS = HOVER_DELAY_MS + FRAME_MS + SLACK_MS;

/** A hover-opened card is gone by then after the pointer left mark and card. */
export const CARD_CLOSE_MS = CLOSE_GRACE_MS + FRAME_MS + SLACK_MS;

/** A "nothing opens" check waits this long: a whole hover delay and the close grace past it. */
export const NOTHING_OPENS_MS = HOVER_DELAY_MS + CLOSE_GRACE_MS + SLACK_MS;

/** The and DESIGN.md's bound: a change on the options page reaches open tabs within 1 s. */
export const SETTINGS_PROPAGATION_MS = 1000;

/** Content the page adds is marked by then: the observer's longest wait, its debounce, a scan step. */
export const OBSERVER_SETTLE_MS = OBSERVER_MAX_WAIT_MS + OBSERVER_DEBOUNCE_MS + SLACK_MS;

/** Marks have settled when they stay unchanged this long: two observer debounces. */
export const MARKS_QUIET_MS = 2 * OBSERVER_DEBOUNCE_MS;

/** WXT's location watcher falls back to polling the URL every second (wxt location-watcher.mjs). */
export const WXT_LOCATION_POLL_MS = 1000;
