import '../styles/organizer.css';
import { useTranslation } from 'react-i18next';
import type { OrganizerOverview } from '../../../common/contract.js';
import { useStation } from '../api/context.js';
import { LockButton, type ProtectedScreenProps } from '../components/LockButton.js';
import { LoadState } from '../components/LoadState.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { CalendarIcon, CheckinIcon, OrganizerIcon, ScheduleIcon } from '../components/Icons.js';
import { ExportPanel } from '../components/ExportPanel.js';
import { CourseUpdateBanner } from '../components/CourseUpdateBanner.js';
import { PrintPanel } from '../components/PrintPanel.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { MakeupIcon, PlayIcon } from '../components/PlayerIcons.js';
import { Tile } from '../components/Tile.js';
import { useStationQuery } from './useStationQuery.js';

type Member = OrganizerOverview['members'][number];

function MemberTile({ member, onOpen }: { member: Member; onOpen: () => void }) {
  const { t } = useTranslation();
  // A button: Enter on a member opens their page of hours (reports).
  return (
    <li data-testid="member">
      <button
        type="button"
        className={`member member--button member--${member.role}`}
        data-testid={`member-${member.id}`}
        onClick={onOpen}
      >
        <span className="member__name">{member.name}</span>
        {member.role !== 'member' ? (
          <span className="member__role">{t(`organizer.${member.role}`)}</span>
        ) : null}
      </button>
    </li>
  );
}

/** The organizer's page: the village and its roster. Check-in and scheduling come later. */
export function OrganizerScreen({
  grant,
  onBack,
  onLock,
  onOpenYearReport,
  onOpenMemberReport,
  onPlayCourses,
  onMakeup,
  onStartCheckin,
  onOpenRoster,
  onOpenCalendar,
  notice,
  error,
}: ProtectedScreenProps & {
  onOpenYearReport: () => void;
  onOpenMemberReport: (memberId: number) => void;
  onPlayCourses: () => void;
  onMakeup: () => void;
  onStartCheckin: () => void;
  onOpenRoster: () => void;
  onOpenCalendar: () => void;
  /** A line to confirm what just happened, e.g. a session started from the reminder banner. */
  notice?: string | null;
  error?: unknown;
}) {
  const { t } = useTranslation();
  const { api } = useStation();
  const [overview, reload] = useStationQuery(
    () => api.getOrganizerOverview({ grant }),
    `organizer:${grant}`,
  );
  const ready = overview.status === 'ready' ? overview.value : null;

  return (
    <div className="screen organizer-screen" data-testid="organizer-screen">
      <ScreenHeader
        title={ready ? ready.village : t('organizer.title')}
        subtitle={ready ? t('organizer.memberCount', { count: ready.memberCount }) : undefined}
        onBack={onBack}
      >
        <LockButton label={t('organizer.lock')} onLock={onLock} />
      </ScreenHeader>
      <main className="screen-body">
        {notice ? (
          <p className="organizer-notice" data-testid="organizer-notice" role="status">
            {notice}
          </p>
        ) : null}
        {error ? <ErrorBanner error={error} /> : null}
        <CourseUpdateBanner grant={grant} />
        <nav className="tiles organizer-tiles">
          <Tile
            icon={<CheckinIcon />}
            label={t('checkin.tile')}
            hint={t('checkin.tileHint')}
            onActivate={onStartCheckin}
            testId="tile-checkin"
            accent
          />
          <Tile
            icon={<ScheduleIcon />}
            label={t('schedule.calendarTile')}
            hint={t('schedule.calendarHint')}
            onActivate={onOpenCalendar}
            testId="tile-calendar"
          />
          <Tile
            icon={<PlayIcon />}
            label={t('player.playTile')}
            hint={t('player.playTileHint')}
            onActivate={onPlayCourses}
            testId="tile-play"
          />
          <Tile
            icon={<MakeupIcon />}
            label={t('player.makeupTile')}
            hint={t('player.makeupTileHint')}
            onActivate={onMakeup}
            testId="tile-makeup"
          />
          <Tile
            icon={<CalendarIcon />}
            label={t('reports.tile')}
            hint={t('reports.tileHint')}
            onActivate={onOpenYearReport}
            testId="tile-reports"
          />
          <Tile
            icon={<OrganizerIcon />}
            label={t('roster.tile')}
            hint={t('roster.tileHint')}
            onActivate={onOpenRoster}
            testId="tile-roster"
          />
        </nav>
        {overview.status === 'loading' ? <LoadState onRetry={reload} /> : null}
        {overview.status === 'error' ? <LoadState error={overview.error} onRetry={reload} /> : null}
        {ready ? (
          <section className="panel members-panel">
            <h2 className="panel__title">{t('organizer.members')}</h2>
            {ready.members.length === 0 ? (
              <p className="empty-state">{t('organizer.noMembers')}</p>
            ) : (
              // Focusable so the remote can scroll a roster longer than the screen.
              <ul
                className="member-grid"
                data-testid="member-list"
                data-nav-scroll=""
                tabIndex={0}
                aria-label={t('organizer.members')}
              >
                {ready.members.map((member) => (
                  <MemberTile
                    key={member.id}
                    member={member}
                    onOpen={() => onOpenMemberReport(member.id)}
                  />
                ))}
              </ul>
            )}
          </section>
        ) : null}
        {ready ? <ExportPanel grant={grant} /> : null}
        {ready ? <PrintPanel grant={grant} /> : null}
      </main>
    </div>
  );
}
