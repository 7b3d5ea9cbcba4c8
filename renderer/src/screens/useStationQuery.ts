import { useCallback, useEffect, useRef, useState } from 'react';

export type QueryState<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: unknown };

/**
 * Runs one station call when the screen opens; `reload` runs it again (the Retry button, or a
 * second look after an action). A reload keeps a value already shown until the new one is here:
 * swapping it for a loading line would take away the buttons, and with them the remote's focus.
 * A new `key` is other data, loaded from scratch.
 */
export function useStationQuery<T>(
  run: () => Promise<T>,
  key: string,
): [QueryState<T>, () => void] {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // `run` is a fresh closure each render; `key` names what it fetches, so only a new key refetches.
  const stableRun = useCallback(run, [key]);
  // The key of the value in `state`, when it holds one.
  const valueKey = useRef<string | null>(null);
  useEffect(() => {
    let live = true;
    const sameData = valueKey.current === key;
    setState((current) =>
      current.status === 'ready' && sameData ? current : { status: 'loading' },
    );
    stableRun().then(
      (value) => {
        if (!live) return;
        valueKey.current = key;
        setState({ status: 'ready', value });
      },
      (error: unknown) => {
        if (!live) return;
        valueKey.current = null;
        setState({ status: 'error', error });
      },
    );
    return () => {
      live = false;
    };
  }, [stableRun, attempt, key]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return [state, reload];
}
