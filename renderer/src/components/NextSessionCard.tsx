import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HomeView } from '../../../common/contract.js';
import { formatSessionStart } from '../i18n/format.js';
import { countdownText } from '../schedule/countdown.js';
import { CalendarIcon } from './Icons.js';

/** Re-render every 20 s: the countdown shows minutes, and the home view refreshes its data. */
function useNow(skewMs: number): number {
  const [now, setNow] = useState(() => Date.now() + skewMs);
  useEffect(() => {
    setNow(Date.now() + skewMs);
    const timer = setInterval(() => setNow(Date.now() + skewMs), 20_000);
    return () => clearInterval(timer);
  }, [skewMs]);
  return now;
}

export function NextSessionCard({
  session,
  timeZone,
  skewMs = 0,
}: {
  session: HomeView['nextSession'];
  timeZone: string;
  skewMs?: number;
}) {
  const { t } = useTranslation();
  const now = useNow(skewMs);
  const countdown = session
    ? countdownText(t, Date.parse(session.start), Date.parse(session.end), now)
    : '';
  return (
    <section className="panel next-session" data-testid="next-session">
      <h2 className="panel__title">
        <CalendarIcon />
        {t('home.nextSession')}
      </h2>
      {session ? (
        <div className="next-session__body">
          <p className="next-session__title" data-testid="next-session-title">
            {session.title}
          </p>
          <p className="next-session__time" data-testid="next-session-time">
            {t('home.sessionStarts', { time: formatSessionStart(t, session.start, timeZone) })}
          </p>
          {countdown ? (
            <p className="next-session__countdown" data-testid="next-session-countdown">
              {countdown}
            </p>
          ) : null}
        </div>
      ) : (
        <div className="next-session__body next-session__body--empty" data-testid="no-session">
          <span className="next-session__empty-icon">
            <CalendarIcon />
          </span>
          <div>
            <p className="next-session__title">{t('home.noSession')}</p>
            <p className="next-session__hint">{t('home.noSessionHint')}</p>
          </div>
        </div>
      )}
    </section>
  );
}
