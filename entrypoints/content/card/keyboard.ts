import { t, uiLanguage } from '../../../components/i18n';
import type { Settings } from '../../../data/settings';
import { MARK_SELECTOR } from '../marks';

/** Keyboard-mode attributes we add to marks and must remove again. */
const KEYBOARD_ATTRS = ['tabindex', 'role', 'aria-haspopup', 'aria-expanded', 'aria-label'] as const;

/** True for a form field or editor, where J and K are typing, not navigation. */
export function isEditable(el: Element | null): boolean {
  if (!el) return false;
  return (
    el instanceof HTMLInputElement ||
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLSelectElement ||
    (el as HTMLElement).isContentEditable === true
  );
}

/**
 * Says on the mark itself whether its card is open. Screen readers: aria-describedby and
 * aria-controls cannot point across the shadow boundary into the card, so the mention states it:
 * aria-expanded="true" plus an aria-label such as "Jeff Sessions: Backstory card open" (the card
 * is a separate non-modal dialog labelled by its heading; no live region). Only a mark with
 * role=button (keyboard mode) gets them: aria-expanded and aria-label are not allowed on a
 * generic element, and a mark that cannot take focus is never where a screen reader user is.
 */
export function setMarkOpen(mark: HTMLElement, name: string | null, settings: Settings): void {
  const button = mark.getAttribute('role') === 'button';
  if (name === null) {
    mark.removeAttribute('data-open');
    if (button) mark.setAttribute('aria-expanded', 'false');
    else mark.removeAttribute('aria-expanded');
    mark.removeAttribute('aria-label');
    return;
  }
  mark.setAttribute('data-open', '');
  if (button) {
    mark.setAttribute('aria-expanded', 'true');
    mark.setAttribute('aria-label', t('cardMarkOpen', uiLanguage(settings.language), name));
  }
}

/**
 * Keyboard mode (the Alt+Shift+B command): every mark becomes a focusable button, and J and K
 * move between marks.
 */
export class KeyboardMode {
  private enabled = false;

  /** `openMark` names the mark whose card is open, for aria-expanded. */
  constructor(private readonly openMark: () => HTMLElement | null) {}

  /** True while keyboard mode is on. */
  get on(): boolean {
    return this.enabled;
  }

  /** Turns it on or off for every mark; on, focuses the first mark in view. Returns the new state. */
  toggle(): boolean {
    this.enabled = !this.enabled;
    const marks = document.querySelectorAll<HTMLElement>(MARK_SELECTOR);
    for (const m of marks) this.apply(m);
    if (this.enabled) {
      const first = [...marks].find((m) => {
        const r = m.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight;
      });
      (first ?? marks[0])?.focus({ preventScroll: !!first });
    }
    return this.enabled;
  }

  /** Brings one mark (a new one, say) in line with the mode. */
  apply(mark: HTMLElement): void {
    if (this.enabled) {
      if (mark.getAttribute('tabindex') !== '0') mark.setAttribute('tabindex', '0');
      if (mark.getAttribute('role') !== 'button') mark.setAttribute('role', 'button');
      if (mark.getAttribute('aria-haspopup') !== 'dialog') mark.setAttribute('aria-haspopup', 'dialog');
      if (!mark.hasAttribute('aria-expanded'))
        mark.setAttribute('aria-expanded', mark === this.openMark() ? 'true' : 'false');
    } else for (const a of KEYBOARD_ATTRS) mark.removeAttribute(a);
  }

  /** The mark J (forward) or K (back) moves to from `from`, cycling; null when there is none. */
  next(from: HTMLElement | null | undefined, forward: boolean): HTMLElement | null {
    const marks = [...document.querySelectorAll<HTMLElement>(MARK_SELECTOR)];
    if (marks.length === 0) return null;
    const i = from ? marks.indexOf(from) : -1;
    return marks[forward ? (i + 1) % marks.length : (i - 1 + marks.length) % marks.length] ?? null;
  }
}
