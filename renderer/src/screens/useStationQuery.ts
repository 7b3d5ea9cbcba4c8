import { useCallback, useEffect, useState } from 'react';

export type QueryState<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: unknown };

const LOADING = { status: 'loading' } as const;

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
  // The state with the key it answers: another key's value is never shown as this one's.
  const [held, setHeld] = useState<{ key: string; state: QueryState<T> }>({ key, state: LOADING });
  const [attempt, setAttempt] = useState(0);
  // `run` is a fresh closure each render; `key` names what it fetches, so only a new key refetches.
  const stableRun = useCallback(run, [key]);
  useEffect(() => {
    let live = true;
    setHeld((current) =>
      current.key === key && current.state.status === 'ready' ? current : { key, state: LOADING },
    );
    stableRun().then(
      (value) => live && setHeld({ key, state: { status: 'ready', value } }),
      (error: unknown) => live && setHeld({ key, state: { status: 'error', error } }),
    );
    return () => {
      live = false;
    };
  }, [stableRun, attempt, key]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return [held.key === key ? held.state : LOADING, reload];
}
