import {
  autoUpdate,
  computePosition,
  flip,
  offset,
  shift,
  size,
  type VirtualElement,
} from '@floating-ui/dom';

/** flip/shift keep the card in the viewport and off the mention; size caps its height to the space left. */
export function placementMiddleware(host: HTMLElement) {
  return [
    offset(6),
    flip({ padding: 8 }),
    shift({ padding: 8 }),
    size({
      padding: 8,
      apply: ({ availableHeight }) => {
        host.style.setProperty('--card-max-height', `${Math.max(140, Math.floor(availableHeight))}px`);
      },
    }),
  ];
}

/** The line box of a (possibly wrapped) mark nearest a point; its first line without one. */
export function lineNearest(
  rects: readonly DOMRect[],
  point: { x: number; y: number } | null,
): DOMRect | null {
  if (rects.length === 0) return null;
  if (!point) return rects[0] ?? null;
  let best = rects[0] as DOMRect;
  let bestD = Number.POSITIVE_INFINITY;
  for (const r of rects) {
    const dy = point.y < r.top ? r.top - point.y : point.y > r.bottom ? point.y - r.bottom : 0;
    const dx = point.x < r.left ? r.left - point.x : point.x > r.right ? point.x - r.right : 0;
    // Rows first: the line under the pointer, then the nearest part of it.
    const d = dy * 1000 + dx;
    if (d < bestD) {
      bestD = d;
      best = r;
    }
  }
  return best;
}

/** True when a box no longer touches the viewport: a card beside it would point at nothing. */
export function offScreen(r: DOMRect, width = innerWidth, height = innerHeight): boolean {
  return r.bottom < 0 || r.top > height || r.right < 0 || r.left > width;
}

/**
 * Keeps the card next to its mark's line while the page scrolls, resizes or reflows, and calls
 * `away` once the mark leaves the page or the viewport. Returns the stop function.
 */
export function followMark(
  mark: HTMLElement,
  host: HTMLElement,
  pointer: () => { x: number; y: number } | null,
  moveTo: (x: number, y: number) => void,
  away: () => void,
): () => void {
  let live = true;
  const reference: VirtualElement = {
    getBoundingClientRect: () =>
      lineNearest([...mark.getClientRects()], pointer()) ?? mark.getBoundingClientRect(),
    getClientRects: () => mark.getClientRects(),
    contextElement: mark,
  };
  const update = () => {
    if (!live) return;
    if (!mark.isConnected || offScreen(mark.getBoundingClientRect())) {
      away();
      return;
    }
    void computePosition(reference, host, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: placementMiddleware(host),
    }).then(({ x, y }) => {
      if (live) moveTo(x, y);
    });
  };
  const stop = autoUpdate(reference, host, update);
  return () => {
    live = false;
    stop();
  };
}

/** Positions a hidden card once (the warm-up); resolves when done, whatever the outcome. */
export function positionOnce(mark: Element, host: HTMLElement): Promise<void> {
  return computePosition(mark, host, { strategy: 'fixed', middleware: placementMiddleware(host) }).then(
    () => undefined,
    () => undefined,
  );
}
