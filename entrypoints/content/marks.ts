import { MARK_TAG } from './dom-rules';

/** Our marks that name an entity (the card and navigation ignore any other). */
export const MARK_SELECTOR = `${MARK_TAG}[data-entity]`;

/** The mark an event target is in, if any. */
export function markOf(node: EventTarget | null): HTMLElement | null {
  return node instanceof Element ? (node.closest(MARK_SELECTOR) as HTMLElement | null) : null;
}

/** Every mark of one entity on the page, in document order. */
export function marksOf(id: string, root: ParentNode = document): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(`${MARK_TAG}[data-entity="${CSS.escape(id)}"]`)];
}

/** How long a mark stays flashed after a jump to it (the CSS animation runs within it). */
export const FLASH_MS = 1500;

/** Flashes a mark so the eye finds it after a scroll (the animation is in style.css). */
export function flash(mark: HTMLElement): void {
  mark.removeAttribute('data-flash');
  void mark.offsetWidth; // restart the animation
  mark.setAttribute('data-flash', '');
  setTimeout(() => mark.removeAttribute('data-flash'), FLASH_MS);
}
