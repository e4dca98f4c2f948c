/**
 * The card's stylesheet, applied to its shadow root as a constructable stylesheet: page CSP
 * (style-src 'none') does not block adoptedStyleSheets, and page selectors cannot reach inside.
 * Sizes are px, not rem: a page's `html { font-size }` must not shrink or blow up the card, and
 * browser zoom still scales px.
 */
export const CARD_CSS = `
:host { all: initial; }
[data-card] {
  all: initial;
  display: block;
  box-sizing: border-box;
  width: min(380px, calc(100vw - 16px));
  max-height: var(--card-max-height, 70vh);
  overflow: auto;
  overscroll-behavior: contain;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--fg);
  background: var(--bg);
  border: 1px solid var(--border);
  border-radius: 10px;
  box-shadow: 0 10px 30px rgba(0, 0, 0, 0.22), 0 2px 6px rgba(0, 0, 0, 0.12);
  text-align: start;
  direction: ltr;
  cursor: auto;
  /* Inherited from the host: the warm-up lays a card out hidden, and it must stay unseen. */
  visibility: inherit;
  --bg: #ffffff; --fg: #1f2937; --muted: #4b5563; --border: #d1d5db; --link: #0b5c8a;
  --soft: #f3f4f6; --accent: #0e7490; --focus: #1d4ed8; --later: #7c2d12;
}
:host([data-theme="dark"]) [data-card] {
  --bg: #111827; --fg: #f3f4f6; --muted: #cbd5e1; --border: #374151; --link: #7dd3fc;
  --soft: #1f2937; --accent: #22d3ee; --focus: #93c5fd; --later: #fdba74;
}
@media (prefers-color-scheme: dark) {
  :host([data-theme="auto"]) [data-card] {
    --bg: #111827; --fg: #f3f4f6; --muted: #cbd5e1; --border: #374151; --link: #7dd3fc;
    --soft: #1f2937; --accent: #22d3ee; --focus: #93c5fd; --later: #fdba74;
  }
}
*, *::before, *::after { box-sizing: border-box; }
.head { position: relative; padding: 12px 44px 8px 14px; border-bottom: 1px solid var(--border); }
.category {
  margin: 0 0 2px; font-size: 11px; font-weight: 600; letter-spacing: 0.06em;
  text-transform: uppercase; color: var(--muted);
}
.name { margin: 0; font-size: 17px; line-height: 1.3; font-weight: 700; color: var(--fg); }
.name:focus { outline: none; }
.name:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; border-radius: 3px; }
.close {
  position: absolute; top: 8px; right: 8px; width: 32px; height: 32px;
  font: 22px/1 inherit; font-family: inherit; color: var(--muted); background: transparent;
  border: 0; border-radius: 6px; cursor: pointer;
}
.close:hover { background: var(--soft); color: var(--fg); }
.body { padding: 10px 14px 12px; }
p { margin: 0 0 8px; }
h3 { margin: 10px 0 4px; font-size: 12px; font-weight: 700; color: var(--muted); text-transform: uppercase; letter-spacing: 0.05em; }
ul, ol { margin: 0; padding: 0 0 0 18px; }
li { margin: 0 0 4px; }
.summary { color: var(--fg); }
.mention { font-size: 13px; color: var(--muted); }
.asof {
  display: block; margin: 8px 0; padding: 8px 10px; background: var(--soft);
  border-left: 3px solid var(--accent); border-radius: 4px;
}
.asof p { margin: 0 0 4px; }
.asof-head { font-weight: 600; }
.asof-lines > span { display: block; }
.asof-later > span { font-weight: 600; }
.later-list { margin-top: 2px; }
.facts ul { list-style: disc; }
.fact time, .later-list time, .sources time { font-variant-numeric: tabular-nums; color: var(--muted); font-weight: 600; }
.fact.later time { color: var(--later); }
a { color: var(--link); text-decoration: underline; text-underline-offset: 2px; cursor: pointer; }
a.ref { text-decoration: none; font-size: 12px; margin-left: 1px; }
a.ref:hover { text-decoration: underline; }
button {
  font: inherit; font-size: 13px; color: var(--fg); background: var(--soft);
  border: 1px solid var(--border); border-radius: 6px; padding: 4px 10px; cursor: pointer;
  min-height: 28px;
}
button:hover { border-color: var(--muted); }
button.link { background: transparent; border: 0; padding: 2px 0; color: var(--link); text-decoration: underline; }
button.primary { background: var(--accent); color: #ffffff; border-color: var(--accent); }
:host([data-theme="dark"]) button.primary { color: #0b1220; }
@media (prefers-color-scheme: dark) { :host([data-theme="auto"]) button.primary { color: #0b1220; } }
a:focus-visible, button:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.actions { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px; margin: 10px 0 4px; }
.mentions { display: flex; flex-direction: column; gap: 2px; }
.nav { display: inline-flex; align-items: center; gap: 6px; font-size: 12px; color: var(--muted); }
.nav button { padding: 0 8px; font-size: 16px; line-height: 1; }
.related ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
.related li { margin: 0; }
.related button { font-size: 12px; padding: 2px 8px; border-radius: 999px; }
.sources ol { font-size: 12px; color: var(--muted); }
.sources li { overflow-wrap: anywhere; }
.hint { font-size: 11px; color: var(--muted); margin: 4px 0 0; }
.foot { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 6px; margin: 10px 0 0; font-size: 12px; color: var(--muted); }
@media (max-width: 480px) {
  [data-card] { width: calc(100vw - 12px); font-size: 13px; border-radius: 8px; }
  .head { padding: 8px 40px 6px 10px; }
  .body { padding: 8px 10px 10px; }
  .name { font-size: 16px; }
  .hint { display: none; }
}
@media (prefers-reduced-motion: no-preference) {
  :host(:not([data-reduce-motion])) [data-card] { animation: backstory-in 120ms ease-out; }
  @keyframes backstory-in { from { opacity: 0; transform: translateY(2px); } to { opacity: 1; transform: none; } }
}
@media (forced-colors: active) {
  [data-card] { border: 1px solid CanvasText; }
  button.primary { forced-color-adjust: auto; }
}
`;
