import { useEffect, useState } from 'react';
import { clockText } from '../i18n/format.js';

/**
 * A live clock in the station's time zone. `skewMs` corrects for a browser clock that differs
 * from the station's (they are usually the same machine, but the station's time is the truth).
 */
export function Clock({ timeZone, skewMs }: { timeZone: string; skewMs: number }) {
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
  const { hm, seconds } = clockText(now, timeZone);
  return (
    <div className="clock" data-testid="clock">
      <span className="clock__hm">{hm}</span>
      <span className="clock__seconds">{seconds}</span>
    </div>
  );
}
