import { useEffect, useState } from 'react';
import { clockText, readIsoWithOffset } from '../i18n/format.js';

/**
 * A live clock in the station's time zone: at the UTC offset of the station's `now` (the home
 * view, refreshed every 30 s, brings a new offset when daylight saving time changes it), or
 * through the zone's name if `now` carries none. `skewMs` corrects for a browser clock that
 * differs from the station's (they are usually the same machine, but the station's time is the
 * truth).
 */
export function Clock({
  stationNow,
  timeZone,
  skewMs,
}: {
  stationNow: string;
  timeZone: string;
  skewMs: number;
}) {
  const [now, setNow] = useState(() => Date.now() + skewMs);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const current = Date.now() + skewMs;
      setNow(current);
      timer = setTimeout(tick, 1000 - (current % 1000) + 5);
    };
    tick();
    return () => clearTimeout(timer);
  }, [skewMs]);
  const { hm, seconds } = clockText(now, readIsoWithOffset(stationNow)?.offsetMinutes ?? timeZone);
  return (
    <div className="clock" data-testid="clock">
      <span className="clock__hm">{hm}</span>
      <span className="clock__seconds">{seconds}</span>
    </div>
  );
}
