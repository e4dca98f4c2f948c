import { CARD_CSS } from '../../../components/card-css';
import { CARD_TAG } from '../dom-rules';

/** Host declarations set through CSSOM with !important: inline important beats any page rule. */
const HOST_STYLE: [string, string][] = [
  ['all', 'initial'],
  ['position', 'fixed'],
  ['top', '0px'],
  ['left', '0px'],
  ['right', 'auto'],
  ['bottom', 'auto'],
  ['z-index', '2147483647'],
  ['display', 'block'],
  ['width', 'max-content'],
  ['height', 'auto'],
  ['max-width', 'none'],
  ['max-height', 'none'],
  ['min-width', '0px'],
  ['min-height', '0px'],
  ['margin', '0px'],
  ['padding', '0px'],
  ['border', '0px none'],
  ['transform', 'none'],
  ['filter', 'none'],
  ['clip-path', 'none'],
  ['visibility', 'visible'],
  ['opacity', '1'],
  ['pointer-events', 'auto'],
  ['float', 'none'],
  ['overflow', 'visible'],
  ['font-size', '14px'],
  ['color-scheme', 'normal'],
];

/** Text-spacing properties left to the card's own stylesheet (see `ensure`). */
const TEXT_SPACING = ['letter-spacing', 'word-spacing', 'line-height'];

/**
 * The card's host element and its open shadow root, created on first use. It sits outside
 * <body>, so the page's observers of body and body-level transforms leave it alone, and its
 * styles come from a constructed stylesheet, which a page's CSP cannot block.
 */
export class CardHost {
  private el: HTMLElement | null = null;
  private root: ShadowRoot | null = null;

  /** The host and its shadow root, created on first call. */
  ensure(): { host: HTMLElement; shadow: ShadowRoot } {
    if (!this.el || !this.root) {
      const host = document.createElement(CARD_TAG);
      for (const [k, v] of HOST_STYLE) host.style.setProperty(k, v, 'important');
      // Firefox writes `all` out as longhands, spacing among them; important inline text
      // spacing overrides a reader's own spacing (WCAG 1.4.12). The card resets them itself.
      for (const k of TEXT_SPACING) host.style.removeProperty(k);
      const shadow = host.attachShadow({ mode: 'open' });
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CARD_CSS);
      shadow.adoptedStyleSheets = [sheet];
      this.el = host;
      this.root = shadow;
    }
    return { host: this.el, shadow: this.root };
  }

  /** The host, if created. */
  get host(): HTMLElement | null {
    return this.el;
  }

  /** The shadow root, if created. */
  get shadow(): ShadowRoot | null {
    return this.root;
  }

  /** Puts the host on the page, visible or (for the warm-up) laid out but hidden. */
  attach(visible: boolean): void {
    const { host } = this.ensure();
    host.style.setProperty('visibility', visible ? 'visible' : 'hidden', 'important');
    // Read when the card shows: Firefox does not re-evaluate a content script's constructed
    // sheet when the reader turns reduced motion on later.
    host.toggleAttribute('data-reduce-motion', matchMedia('(prefers-reduced-motion: reduce)').matches);
    if (!host.isConnected) document.documentElement.append(host);
  }

  /** Takes the host off the page (it is kept for the next card). */
  detach(): void {
    this.el?.remove();
  }

  /** Moves the host to a position in the viewport. */
  moveTo(x: number, y: number): void {
    this.el?.style.setProperty('left', `${Math.round(x)}px`, 'important');
    this.el?.style.setProperty('top', `${Math.round(y)}px`, 'important');
  }

  /** True when an event happened in the card (its path crosses the host). */
  contains(e: Event): boolean {
    return !!this.el && e.composedPath().includes(this.el);
  }

  /** True when keyboard focus is inside the card. */
  hasFocus(): boolean {
    return !!this.el && document.activeElement === this.el;
  }

  /** Removes the host for good. */
  destroy(): void {
    this.el?.remove();
    this.el = null;
    this.root = null;
  }
}
