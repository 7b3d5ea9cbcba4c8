import '../styles/reports.css';
import { useTranslation } from 'react-i18next';
import { useStation } from '../api/context.js';
import { LoadState } from '../components/LoadState.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { useStationQuery } from './useStationQuery.js';

const num = (n: number) => String(Math.round(n * 10) / 10);

/**
 * One member's year: hours against the target in big figures, then the sessions attended, the
 * absences (excused or not, made up or not) and make-up and external hours. Each list is a
 * focusable region the remote scrolls with Up/Down.
 */
export function MemberReportScreen({
  grant,
  memberId,
  year,
  onBack,
}: {
  grant: string;
  memberId: number;
  year: number;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const { api } = useStation();
  const [state, reload] = useStationQuery(
    () => api.getMemberReport({ grant, memberId, year }),
    `member:${grant}:${memberId}:${year}`,
  );
  const r = state.status === 'ready' ? state.value : null;
  const kind = (k: string) => t(`sessionKind.${k}`, { defaultValue: k });

  return (
    <div className="screen report-screen" data-testid="member-report-screen">
      <ScreenHeader
        title={r ? t('reports.memberTitle', { name: r.member.name, year }) : String(year)}
        subtitle={r ? (r.member.roleTitle ?? t(`organizer.${r.member.role}`)) : undefined}
        onBack={onBack}
      />
      <main className="screen-body report-body">
        {state.status === 'loading' ? <LoadState onRetry={reload} /> : null}
        {state.status === 'error' ? <LoadState error={state.error} onRetry={reload} /> : null}
        {r ? (
          <>
            <section
              className={`panel member-stats ${r.hours < r.target ? 'is-short' : 'is-met'}`}
              data-testid="member-stats"
            >
              <div className="member-stats__main">
                <span className="member-stats__hours" data-testid="member-hours">
                  {num(r.hours)}
                </span>
                <span className="member-stats__target">
                  / {num(r.target)} {t('reports.hours')}
                </span>
              </div>
              <div
                className="member-stats__bar"
                role="progressbar"
                aria-valuemin={0}
                aria-valuemax={r.target}
                aria-valuenow={r.hours}
              >
                <span style={{ width: `${Math.min(100, (r.hours / (r.target || 1)) * 100)}%` }} />
              </div>
              <dl className="member-stats__parts">
                <div>
                  <dt>{t('reports.sessions')}</dt>
                  <dd>{num(r.sessionHours)}</dd>
                </div>
                <div>
                  <dt>{t('reports.makeup')}</dt>
                  <dd data-testid="member-makeup">{num(r.makeup)}</dd>
                </div>
                <div>
                  <dt>{t('reports.externalHours')}</dt>
                  <dd>{num(r.external)}</dd>
                </div>
              </dl>
            </section>
            <div className="report-columns report-columns--three">
              <section
                className="panel report-panel"
                data-nav-scroll=""
                tabIndex={0}
                data-autofocus=""
                data-testid="member-attended"
              >
                <h2 className="panel__title">
                  {t('reports.attended', { count: r.attended.length })}
                </h2>
                {r.attended.length === 0 ? (
                  <p className="empty-state">{t('reports.noAttended')}</p>
                ) : (
                  <ul className="report-list">
                    {r.attended.map((a) => (
                      <li key={a.sessionId}>
                        <span>
                          {a.date.slice(5)} {a.title}
                        </span>
                        <span>
                          {t('reports.credit', { credit: num(a.credit) })}
                          {a.corrected ? ` · ${t('reports.corrected')}` : ''}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              <section
                className="panel report-panel"
                data-nav-scroll=""
                tabIndex={0}
                data-testid="member-absences"
              >
                <h2 className="panel__title">
                  {t('reports.absences', { count: r.absences.length })}
                </h2>
                {r.absences.length === 0 ? (
                  <p className="empty-state">{t('reports.noAbsences')}</p>
                ) : (
                  <ul className="report-list">
                    {r.absences.map((a) => (
                      <li key={a.sessionId} className={a.excused || a.madeUp ? '' : 'is-bad'}>
                        <span>
                          {a.date.slice(5)} {kind(a.kind)}
                        </span>
                        <span>
                          {a.excused
                            ? t('reports.excused', { reason: a.reason ?? '' })
                            : t('reports.unexcused')}
                          {a.madeUp ? ` · ${t('reports.madeUp')}` : ''}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              <section
                className="panel report-panel"
                data-nav-scroll=""
                tabIndex={0}
                data-testid="member-makeups"
              >
                <h2 className="panel__title">{t('reports.makeups')}</h2>
                {r.makeups.length === 0 ? (
                  <p className="empty-state">{t('reports.noMakeups')}</p>
                ) : (
                  <ul className="report-list">
                    {r.makeups.map((m) => (
                      <li key={m.id}>
                        <span>
                          {m.date.slice(5)} {m.forSession ?? m.courseId}
                        </span>
                        <span>{t('reports.credit', { credit: num(m.credit) })}</span>
                      </li>
                    ))}
                  </ul>
                )}
                {r.externalEntries.length > 0 ? (
                  <>
                    <h2 className="panel__title">{t('reports.externalEntries')}</h2>
                    <ul className="report-list">
                      {r.externalEntries.map((e, i) => (
                        <li key={i}>
                          <span>
                            {e.date.slice(5)} {e.place}
                          </span>
                          <span>{t('reports.credit', { credit: num(e.hours) })}</span>
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </section>
            </div>
          </>
        ) : null}
      </main>
    </div>
  );
}
