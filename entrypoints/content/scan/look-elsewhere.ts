import { browser } from 'wxt/browser';
import type { LookRequest } from '../../../data/match/look';
import type { BackgroundRequest, LookAnswer } from '../../../data/messages';
import { LOOK_ELSEWHERE_MARK } from '../measures';
import type { LookElsewhere } from './text-reader';

/**
 * How long the page waits for the background's first look before looking itself. A stopped
 * service worker takes tens of milliseconds to start; a background that does not answer in this
 * time is not going to.
 */
export const LOOK_TIMEOUT_MS = 3_000;

/** True for an answer that fits the request: ascending offsets inside its text. */
function fits(answer: unknown, length: number): answer is LookAnswer {
  if (typeof answer !== 'object' || answer === null) return false;
  const { offsets, ms } = answer as Partial<LookAnswer>;
  if (!Array.isArray(offsets) || typeof ms !== 'number') return false;
  let last = 0;
  for (const o of offsets) {
    if (!Number.isSafeInteger(o) || o < last || o >= length) return false;
    last = o;
  }
  return true;
}

/**
 * The first look in the background: the page's thread only sends its text (a regular expression
 * over every alias prefix costs the page ~1 ms to compile and ~1.5 ms a 200 KB page to run; the
 * background compiles it once for every page). After a failure (no answer, an extension reload)
 * it answers null at once, and the page looks itself from then on. Each answer leaves a
 * LOOK_ELSEWHERE_MARK with the background's time, so the bench can report it.
 */
export function backgroundLook(
  send: (m: BackgroundRequest) => Promise<unknown> = (m) => browser.runtime.sendMessage(m),
): LookElsewhere {
  let failed = false;
  return async (req: LookRequest) => {
    if (failed) return null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), LOOK_TIMEOUT_MS);
    });
    try {
      const answer = await Promise.race([send({ type: 'look', ...req }), late]);
      if (fits(answer, req.text.length)) {
        performance.mark(LOOK_ELSEWHERE_MARK, { detail: { ms: answer.ms, chars: req.to - req.from } });
        return answer.offsets;
      }
    } catch {
      // Falls through: the page looks itself.
    } finally {
      clearTimeout(timer);
    }
    failed = true;
    return null;
  };
}
