import { useCallback, useEffect, useState } from 'react';

export type QueryState<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: unknown };

/** Runs one station call when the screen opens; `reload` runs it again (the Retry button). */
export function useStationQuery<T>(
  run: () => Promise<T>,
  key: string,
): [QueryState<T>, () => void] {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // `run` is a fresh closure each render; `key` names what it fetches, so only a new key refetches.
  const stableRun = useCallback(run, [key]);
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    stableRun().then(
      (value) => live && setState({ status: 'ready', value }),
      (error: unknown) => live && setState({ status: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [stableRun, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return [state, reload];
}
