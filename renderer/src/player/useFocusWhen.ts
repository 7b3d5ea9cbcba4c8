import { useEffect, type RefObject } from 'react';

/**
 * Focuses an element once it appears. Spatial navigation gives a new screen's focus to its first
 * element at once, which on a screen that is still loading is the Back button; once the list has
 * loaded, the remote should rest on its first choice instead.
 */
export function useFocusWhen(ref: RefObject<HTMLElement | null>, shown: unknown): void {
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [ref, shown]);
}
