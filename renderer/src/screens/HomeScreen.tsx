import '../styles/home.css';
import { useTranslation } from 'react-i18next';
import type { HomeView, Role } from '../../../common/contract.js';
import { Clock } from '../components/Clock.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { LanguageIcon, OrganizerIcon, TechnicianIcon } from '../components/Icons.js';
import { KeysHint } from '../components/KeysHint.js';
import { NextSessionCard } from '../components/NextSessionCard.js';
import { DueCard } from '../components/DueCard.js';
import { ReminderBanner } from '../components/ReminderBanner.js';
import type { ReminderView } from '../../../common/contract-schedule.js';
import { StatusIndicator } from '../components/StatusIndicator.js';
import { Tile } from '../components/Tile.js';
import { UsbCourseHint } from '../components/UsbCourseHint.js';
import { formatDate } from '../i18n/format.js';

/** What the village sees all day: where this is, what day it is, and what is next. */
export function HomeScreen({
  home,
  clockSkewMs,
  onOpenPin,
  onToggleLanguage,
  onStartSession,
  switchingLanguage,
  error,
}: {
  home: HomeView;
  clockSkewMs: number;
  onOpenPin: (role: Role) => void;
  onToggleLanguage: () => void;
  /** The organizer pressed "start" on the reminder banner. */
  onStartSession: (reminder: ReminderView) => void;
  switchingLanguage: boolean;
  /** A failed action or refresh, shown above the tiles until the next success. */
  error: unknown;
}) {
  const { t } = useTranslation();
  return (
    <div className="screen home-screen" data-testid="home-screen">
      <header className="home-header">
        <div className="home-header__place">
          <h1 className="home-header__village" data-testid="village">
            {home.village}
          </h1>
          <p className="home-header__county" data-testid="county">
            {home.county}
            <span className="home-header__sep" aria-hidden="true" />
            {t('app.subtitle')}
          </p>
        </div>
        <div className="home-header__time">
          <Clock stationNow={home.now} timeZone={home.timeZone} skewMs={clockSkewMs} />
          <p className="home-header__date" data-testid="date">
            {formatDate(t, home.today)}
          </p>
        </div>
      </header>
      <main className="home-body">
        {error ? <ErrorBanner error={error} /> : null}
        <ReminderBanner timeZone={home.timeZone} onStart={onStartSession} />
        <UsbCourseHint />
        <div className="home-schedule">
          <NextSessionCard
            session={home.nextSession}
            timeZone={home.timeZone}
            skewMs={clockSkewMs}
          />
          <DueCard due={home.due} />
        </div>
        <nav className="tiles">
          <Tile
            icon={<OrganizerIcon />}
            label={t('home.organizer')}
            hint={t('home.organizerHint')}
            onActivate={() => onOpenPin('organizer')}
            testId="tile-organizer"
            autoFocus
            accent
          />
          <Tile
            icon={<TechnicianIcon />}
            label={t('home.technician')}
            hint={t('home.technicianHint')}
            onActivate={() => onOpenPin('technician')}
            testId="tile-technician"
          />
          <Tile
            icon={<LanguageIcon />}
            label={t('home.languageTile')}
            hint={t('home.languageHint')}
            onActivate={onToggleLanguage}
            testId="tile-language"
            busy={switchingLanguage}
          />
        </nav>
      </main>
      <footer className="home-footer">
        <div className="home-footer__status">
          <StatusIndicator
            label={t('home.network')}
            grade={home.status.network}
            testId="status-network"
          />
          <StatusIndicator
            label={t('home.health')}
            grade={home.status.health}
            testId="status-health"
          />
        </div>
        <p className="home-footer__terminal">{t('home.terminal', { name: home.terminalName })}</p>
        <KeysHint />
      </footer>
    </div>
  );
}
