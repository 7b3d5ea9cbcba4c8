import '../styles/reports.css';
import { useTranslation } from 'react-i18next';
import type { ComplianceReport, MonthLine } from '../../../common/contract-reports.js';
import { useStation } from '../api/context.js';
import { LoadState } from '../components/LoadState.js';
import { monthName } from '../i18n/format.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { useStationQuery } from './useStationQuery.js';

const STATUS_LABEL = {
  held: 'reports.held',
  missed: 'reports.missed',
  open: 'reports.open',
  'not-counted': 'reports.notCounted',
} as const;

const num = (n: number) => String(Math.round(n * 10) / 10);

/** Twelve cells, one a month: a missed month is red with a cross, readable from the back row. */
function MonthRow({ months }: { months: MonthLine[] }) {
  const { t } = useTranslation();
  return (
    <ol className="month-row" data-testid="month-row">
      {months.map((m, i) => (
        <li
          key={m.month}
          className={`month-cell month-cell--${m.status}`}
          data-testid={`month-${m.month}`}
          data-status={m.status}
        >
          <span className="month-cell__name">{monthName(t, i + 1)}</span>
          <span className="month-cell__mark" aria-hidden="true">
            {m.status === 'held' ? '✓' : m.status === 'missed' ? '✗' : '·'}
          </span>
          <span className="month-cell__status">{t(STATUS_LABEL[m.status])}</span>
        </li>
      ))}
    </ol>
  );
}

function SidePanels({ report }: { report: ComplianceReport }) {
  const { t } = useTranslation();
  return (
    // Focusable so the remote can scroll it when it is longer than the screen.
    <div className="report-side" data-nav-scroll="" tabIndex={0} data-testid="year-side">
      <section className="panel report-panel">
        <h2 className="panel__title">{t('reports.leaders')}</h2>
        <ul className="report-list">
          {report.leaders.map((l) => (
            <li key={l.id} className={l.trained ? '' : 'is-bad'}>
              <span>{l.name}</span>
              <span>{l.trained ? t('reports.trained') : t('reports.notTrained')}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel report-panel" data-testid="year-new-members">
        <h2 className="panel__title">{t('reports.newMembers')}</h2>
        {report.newMembers.length === 0 ? (
          <p className="empty-state">{t('reports.noNewMembers')}</p>
        ) : (
          <ul className="report-list">
            {report.newMembers.map((n) => (
              <li
                key={n.id}
                className={
                  n.status === 'overdue' ? 'is-bad' : n.status === 'due-soon' ? 'is-warn' : ''
                }
              >
                <span>{n.name}</span>
                <span>
                  {t(`reports.newStatus.${n.status}`, { days: Math.abs(n.daysLeft) })}
                  {' · '}
                  {t('reports.deadline', { date: n.deadline })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel report-panel">
        <h2 className="panel__title">{t('reports.winterSpring')}</h2>
        <ul className="report-list">
          {report.winterSpring.seasons.map((s) => (
            <li
              key={s.label}
              className={!s.enough && s.status === 'done' ? 'is-bad' : s.enough ? '' : 'is-warn'}
            >
              <span>{t('reports.seasonDays', { label: s.label, days: s.days })}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel report-panel">
        <h2 className="panel__title">{t('reports.lectures')}</h2>
        <p className={report.partyLectures.held ? 'report-line' : 'report-line is-bad'}>
          {report.partyLectures.held
            ? t('reports.lectureCount', { count: report.partyLectures.sessions.length })
            : t('reports.noLectures')}
        </p>
      </section>
      {report.mobileMembers.length > 0 ? (
        <section className="panel report-panel">
          <h2 className="panel__title">{t('reports.mobile')}</h2>
          <ul className="report-list">
            {report.mobileMembers.map((m) => (
              <li key={m.id} className={m.hours < m.target ? 'is-warn' : ''}>
                <span>{m.name}</span>
                <span>
                  {t('reports.hoursOf', { hours: num(m.hours), target: num(m.target) })}
                  {' · '}
                  {t('reports.external', { hours: num(m.external) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/**
 * The branch's year page: months with and without the collective study, members below target
 * (each opens the member page), and the year's other obligations beside them.
 */
export function YearReportScreen({
  grant,
  year,
  onBack,
  onYear,
  onOpenMember,
}: {
  grant: string;
  year: number;
  onBack: () => void;
  onYear: (year: number) => void;
  onOpenMember: (memberId: number) => void;
}) {
  const { t } = useTranslation();
  const { api } = useStation();
  const [state, reload] = useStationQuery(
    () => api.getYearReport({ grant, year }),
    `year:${grant}:${year}`,
  );
  const report = state.status === 'ready' ? state.value : null;

  return (
    <div className="screen report-screen" data-testid="year-report-screen">
      <ScreenHeader
        title={t('reports.yearTitle', { year })}
        subtitle={report ? t('reports.asOf', { date: report.asOf.slice(0, 10) }) : undefined}
        onBack={onBack}
      >
        <button
          type="button"
          className="button"
          data-testid="prev-year"
          onClick={() => onYear(year - 1)}
        >
          {t('reports.prevYear')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="next-year"
          onClick={() => onYear(year + 1)}
        >
          {t('reports.nextYear')}
        </button>
      </ScreenHeader>
      <main className="screen-body report-body">
        {state.status === 'loading' ? <LoadState onRetry={reload} /> : null}
        {state.status === 'error' ? <LoadState error={state.error} onRetry={reload} /> : null}
        {report ? (
          <>
            <section className="panel month-panel">
              <h2 className="panel__title">{t('reports.months')}</h2>
              <MonthRow months={report.months} />
              <p
                className={report.missedMonths.length ? 'report-line is-bad' : 'report-line'}
                data-testid="missed-summary"
              >
                {report.missedMonths.length
                  ? t('reports.missedSummary', {
                      count: report.missedMonths.length,
                      months: report.missedMonths
                        .map((m) => Number(m.slice(5)))
                        .join(t('reports.listSeparator')),
                    })
                  : t('reports.noMissed')}
              </p>
            </section>
            <div className="report-columns">
              <section className="panel report-panel below-panel">
                <h2 className="panel__title" data-testid="below-title">
                  {report.belowTarget.length
                    ? t('reports.belowTarget', {
                        count: report.belowTarget.length,
                        total: report.members.active,
                      })
                    : t('reports.allMet', { total: report.members.active })}
                </h2>
                <ul className="below-list" data-testid="below-list">
                  {report.belowTarget.map((m, i) => (
                    <li key={m.id}>
                      <button
                        type="button"
                        className="below-member"
                        data-testid={`below-${m.id}`}
                        data-autofocus={i === 0 ? '' : undefined}
                        onClick={() => onOpenMember(m.id)}
                      >
                        <span className="below-member__name">{m.name}</span>
                        {m.role !== 'member' ? (
                          <span className="member__role">{t(`organizer.${m.role}`)}</span>
                        ) : null}
                        <span className="below-member__hours">
                          {t('reports.hoursOf', { hours: num(m.hours), target: num(m.target) })}
                        </span>
                        <span className="below-member__short">
                          {t('reports.short', { hours: num(m.shortfall) })}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
              <SidePanels report={report} />
            </div>
          </>
        ) : null}
      </main>
    </div>
  );
}
