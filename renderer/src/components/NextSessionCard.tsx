import { useTranslation } from 'react-i18next';
import type { HomeView } from '../../../common/contract.js';
import { formatSessionStart } from '../i18n/format.js';
import { CalendarIcon } from './Icons.js';

export function NextSessionCard({
  session,
  timeZone,
}: {
  session: HomeView['nextSession'];
  timeZone: string;
}) {
  const { t } = useTranslation();
  return (
    <section className="panel next-session" data-testid="next-session">
      <h2 className="panel__title">
        <CalendarIcon />
        {t('home.nextSession')}
      </h2>
      {session ? (
        <div className="next-session__body">
          <p className="next-session__title">{session.title}</p>
          <p className="next-session__time">
            {t('home.sessionStarts', { time: formatSessionStart(t, session.start, timeZone) })}
          </p>
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
