import { useCallback, useEffect, useState } from 'react';

/**
 * Asks the station now and then every `every` ms while the component is shown, keeping the
 * latest answer (null until the first). A failed ask keeps the previous answer: the page's own
 * banner reports a station that stopped answering. `every` may depend on the latest answer
 * (poll faster while something runs); null pauses the asking and keeps the answer. A new `ask`
 * (keep it stable with useCallback) or `refresh()` asks again at once.
 */
export function usePolled<T>(
  ask: () => Promise<T>,
  every: number | null | ((latest: T | null) => number | null),
): [T | null, () => void] {
  const [latest, setLatest] = useState<T | null>(null);
  const [asked, setAsked] = useState(0);
  const everyMs = typeof every === 'function' ? every(latest) : every;
  useEffect(() => {
    if (everyMs === null) return undefined;
    let live = true;
    const load = () =>
      ask().then(
        (value) => live && setLatest(value),
        () => undefined,
      );
    void load();
    const timer = setInterval(() => void load(), everyMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [ask, everyMs, asked]);
  const refresh = useCallback(() => setAsked((n) => n + 1), []);
  return [latest, refresh];
}
