import { useLayoutEffect, type RefObject } from 'react';
import { focusableIn, focusInitial, focusIsLost, isTextField } from './focus.js';
import { pickNext, type Direction } from './spatial.js';

const DIRECTIONS: Record<string, Direction> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
};

/**
 * In a text field Left/Right move the caret; they leave the field only from its first or last
 * position, so a remote can still get out of a filled-in field. Password fields report no caret,
 * so they behave like any other element.
 */
function caretKeepsKey(field: HTMLInputElement | HTMLTextAreaElement, direction: Direction) {
  if (direction === 'up' || direction === 'down') return field instanceof HTMLTextAreaElement;
  let start: number | null;
  let end: number | null;
  try {
    start = field.selectionStart;
    end = field.selectionEnd;
  } catch {
    return false;
  }
  if (start === null || end === null) return false;
  if (start !== end) return true;
  return direction === 'left' ? start > 0 : end < field.value.length;
}

/** A scroll region (data-nav-scroll) takes Up/Down for itself until it reaches its end. */
function scrollRegion(el: HTMLElement, direction: Direction): boolean {
  if (!el.hasAttribute('data-nav-scroll') || (direction !== 'up' && direction !== 'down')) {
    return false;
  }
  const room =
    direction === 'down' ? el.scrollHeight - el.clientHeight - el.scrollTop : el.scrollTop;
  if (room <= 1) return false;
  const step = Math.min(room, el.clientHeight * 0.8);
  el.scrollBy({ top: direction === 'down' ? step : -step, behavior: 'auto' });
  return true;
}

/**
 * Arrow keys move focus among the focusable elements of the current screen (the container);
 * Enter activates through the browser's own button behaviour. Focus never stays lost: when the
 * screen changes or the focused element disappears, the screen's first sensible element gets it.
 * Pointing with an air mouse moves the focus too, so the ring always shows what OK will press.
 */
export function useSpatialNav(containerRef: RefObject<HTMLElement | null>): void {
  // A layout effect, so the first element has the focus ring in the very first frame drawn: a
  // passive effect would paint the screen once without it and focus it a frame later.
  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container) return;

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const direction = DIRECTIONS[event.key];
      if (!direction) return;
      if (focusIsLost(container)) {
        event.preventDefault();
        focusInitial(container);
        return;
      }
      const active = document.activeElement as HTMLElement;
      if (isTextField(active) && caretKeepsKey(active, direction)) return;
      event.preventDefault();
      if (scrollRegion(active, direction)) return;
      const candidates = focusableIn(container)
        .filter((el) => el !== active)
        .map((el) => ({ id: el, rect: el.getBoundingClientRect() }));
      const next = pickNext(active.getBoundingClientRect(), candidates, direction);
      if (next) {
        next.focus({ preventScroll: true });
        next.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      }
    };

    const onPointerOver = (event: PointerEvent) => {
      if (event.pointerType !== 'mouse' || !(event.target instanceof Element)) return;
      const target = event.target.closest<HTMLElement>('button, input, [tabindex]');
      if (target && container.contains(target) && target !== document.activeElement) {
        target.focus({ preventScroll: true });
      }
    };

    const refocus = () => {
      if (focusIsLost(container)) focusInitial(container);
    };
    const observer = new MutationObserver(refocus);
    observer.observe(container, { childList: true, subtree: true });
    refocus();

    window.addEventListener('keydown', onKeyDown);
    container.addEventListener('pointerover', onPointerOver);
    return () => {
      observer.disconnect();
      window.removeEventListener('keydown', onKeyDown);
      container.removeEventListener('pointerover', onPointerOver);
    };
  }, [containerRef]);
}
