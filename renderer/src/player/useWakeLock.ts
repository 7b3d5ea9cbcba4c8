import { useEffect } from 'react';

/**
 * Keeps the screen on while a course plays, in the Chromium kiosk (the Electron shell holds a
 * powerSaveBlocker as well, electron/power.ts). Where the Screen Wake Lock API is missing or
 * refused, Chromium's own lock for a playing video still applies; nothing else to do.
 */
export function useWakeLock(active: boolean): void {
  useEffect(() => {
    if (!active || !('wakeLock' in navigator)) return;
    let sentinel: WakeLockSentinel | null = null;
    let released = false;
    navigator.wakeLock.request('screen').then(
      (s) => {
        if (released) void s.release();
        else sentinel = s;
      },
      () => undefined,
    );
    return () => {
      released = true;
      if (sentinel) void sentinel.release().catch(() => undefined);
    };
  }, [active]);
}
