/**
 * Spatial navigation for a TV remote or air mouse: which element should the arrow key move to?
 * Pure geometry, so it is table-tested without a browser; useSpatialNav.ts feeds it real rects.
 */

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export type Direction = 'up' | 'down' | 'left' | 'right';

export interface Candidate<Id> {
  id: Id;
  rect: Rect;
}

// A candidate off to the side is worth less than one straight ahead: an offset costs more than
// the same distance along the direction of travel, so a grid moves row by row and column by column.
const SIDE_GAP_WEIGHT = 3;
const SIDE_CENTER_WEIGHT = 0.25;

interface Span {
  start: number;
  end: number;
  center: number;
}

function span(rect: Rect, axis: 'x' | 'y'): Span {
  const start = axis === 'x' ? rect.left : rect.top;
  const size = axis === 'x' ? rect.width : rect.height;
  return { start, end: start + size, center: start + size / 2 };
}

/** Distance between two spans along one axis; 0 when they overlap. */
function gapBetween(a: Span, b: Span): number {
  return Math.max(0, Math.max(a.start, b.start) - Math.min(a.end, b.end));
}

/**
 * The candidate to move to from `from` in `direction`, or null when nothing lies that way.
 * A candidate qualifies when it lies beyond `from` in that direction: its centre and both its
 * edges further along than `from`'s (so an enclosing element never qualifies). Comparing centres, not touching edges, keeps the choice
 * stable when the focused element is scaled up by the focus style and overlaps its neighbours.
 */
export function pickNext<Id>(
  from: Rect,
  candidates: readonly Candidate<Id>[],
  direction: Direction,
): Id | null {
  const mainAxis = direction === 'left' || direction === 'right' ? 'x' : 'y';
  const sideAxis = mainAxis === 'x' ? 'y' : 'x';
  const sign = direction === 'right' || direction === 'down' ? 1 : -1;
  const fromMain = span(from, mainAxis);
  const fromSide = span(from, sideAxis);

  let best: Id | null = null;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const { rect } = candidate;
    if (rect.width <= 0 || rect.height <= 0) continue;
    const main = span(rect, mainAxis);
    const side = span(rect, sideAxis);
    const ahead =
      sign > 0
        ? main.center > fromMain.center && main.start > fromMain.start && main.end > fromMain.end
        : main.center < fromMain.center && main.start < fromMain.start && main.end < fromMain.end;
    if (!ahead) continue;
    const distance = Math.max(0, sign > 0 ? main.start - fromMain.end : fromMain.start - main.end);
    const score =
      distance +
      SIDE_GAP_WEIGHT * gapBetween(side, fromSide) +
      SIDE_CENTER_WEIGHT * Math.abs(side.center - fromSide.center);
    if (score < bestScore) {
      bestScore = score;
      best = candidate.id;
    }
  }
  return best;
}
