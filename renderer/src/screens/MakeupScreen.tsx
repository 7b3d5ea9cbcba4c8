import '../styles/player.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizerOverview } from '../../../common/contract.js';
import type { MissedSessions } from '../../../common/contract-player.js';
import { useStation } from '../api/context.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { LoadState } from '../components/LoadState.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { formatSessionStart } from '../i18n/format.js';
import { useFocusWhen } from '../player/useFocusWhen.js';
import { useStationQuery } from './useStationQuery.js';

type Member = OrganizerOverview['members'][number];
type Missed = MissedSessions['sessions'][number];

/** Where the organizer is: the member, then (if they missed any) the session, then the course. */
type Step =
  | { name: 'member' }
  | { name: 'session'; member: Member; missed: MissedSessions }
  | { name: 'course'; member: Member; session: Missed | null };

const BACK_KEYS = new Set(['Escape', 'BrowserBack', 'GoBack']);

/**
 * "补学": a member who missed a session watches its course alone. The organizer picks the member,
 * the session missed (optional), then the course; the station opens a make-up study record and
 * the player logs plays against it. Make-up credit is computed from those records elsewhere.
 */
export function MakeupScreen({
  grant,
  onBack,
  onStarted,
}: {
  grant: string;
  onBack: () => void;
  onStarted: (makeupId: number) => void;
}) {
  const { t } = useTranslation();
  const { api } = useStation();
  const [step, setStep] = useState<Step>({ name: 'member' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [overview, reloadOverview] = useStationQuery(
    () => api.getOrganizerOverview({ grant }),
    `makeup:${grant}`,
  );
  const [courses, reloadCourses] = useStationQuery(() => api.listCourses({}), 'courses');
  const firstChoice = useRef<HTMLButtonElement>(null);
  const listReady =
    step.name === 'member' ? overview.status === 'ready' : courses.status === 'ready';
  useFocusWhen(firstChoice, listReady ? step : null);

  const stepBack = (): boolean => {
    setError(null);
    if (step.name !== 'member') {
      setStep({ name: 'member' });
      return true;
    }
    return false;
  };

  // Back inside the steps returns to choosing the member rather than leaving the screen.
  const stepBackRef = useRef(stepBack);
  stepBackRef.current = stepBack;
  useEffect(() => {
    if (step.name === 'member') return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!BACK_KEYS.has(event.key)) return;
      event.preventDefault();
      event.stopPropagation();
      stepBackRef.current();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [step.name]);

  const run = async (action: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const chooseMember = (member: Member) =>
    run(async () => {
      const missed = await api.listMissedSessions({ grant, memberId: member.id });
      setStep(
        missed.sessions.length > 0
          ? { name: 'session', member, missed }
          : { name: 'course', member, session: null },
      );
    });

  const chooseCourse = (courseId: string) =>
    run(async () => {
      if (step.name !== 'course') return;
      const started = await api.startMakeup({
        grant,
        memberId: step.member.id,
        courseId,
        ...(step.session ? { forSessionId: step.session.id } : {}),
      });
      onStarted(started.makeupId);
    });

  const failed =
    overview.status === 'error'
      ? overview.error
      : courses.status === 'error'
        ? courses.error
        : null;
  const subtitle =
    step.name === 'member'
      ? t('player.pickMember')
      : step.name === 'course' && step.session
        ? t('player.makeupMemberFor', { name: step.member.name, title: step.session.title })
        : t('player.makeupMember', { name: step.member.name });

  return (
    <div className="screen makeup-screen" data-testid="makeup-screen" data-step={step.name}>
      <ScreenHeader
        title={t('player.makeupTitle')}
        subtitle={subtitle}
        onBack={() => {
          if (!stepBack()) onBack();
        }}
      />
      <main className="screen-body">
        {overview.status === 'loading' ? <LoadState onRetry={reloadOverview} /> : null}
        {failed ? (
          <LoadState
            error={failed}
            onRetry={() => {
              reloadOverview();
              reloadCourses();
            }}
          />
        ) : null}
        {error ? <ErrorBanner error={error} /> : null}
        {step.name === 'member' && overview.status === 'ready' ? (
          <ul className="choice-grid" data-testid="makeup-members">
            {overview.value.members.map((m, i) => (
              <li key={m.id}>
                <button
                  type="button"
                  className="choice choice--member"
                  ref={i === 0 ? firstChoice : undefined}
                  data-autofocus={i === 0 ? '' : undefined}
                  data-testid="makeup-member"
                  aria-busy={busy || undefined}
                  onClick={() => void chooseMember(m)}
                >
                  <span className="choice__label">{m.name}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {step.name === 'session' ? (
          <>
            <h2 className="panel__title">{t('player.pickSession')}</h2>
            <ul className="choice-list" data-testid="makeup-sessions">
              <li>
                <button
                  type="button"
                  className="choice"
                  ref={firstChoice}
                  data-autofocus=""
                  data-testid="makeup-session-none"
                  onClick={() => setStep({ name: 'course', member: step.member, session: null })}
                >
                  <span className="choice__label">{t('player.noSession')}</span>
                </button>
              </li>
              {step.missed.sessions.map((s) => (
                <li key={s.id}>
                  <button
                    type="button"
                    className="choice"
                    data-testid="makeup-session"
                    onClick={() => setStep({ name: 'course', member: step.member, session: s })}
                  >
                    <span className="choice__label">{s.title}</span>
                    <span className="choice__hint">
                      {formatSessionStart(t, s.startedAt, step.missed.timeZone)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {step.name === 'course' && courses.status === 'ready' ? (
          <>
            <h2 className="panel__title">{t('player.pickCourse')}</h2>
            <ul className="choice-list" data-testid="makeup-courses">
              {courses.value.map((course, i) => (
                <li key={course.id}>
                  <button
                    type="button"
                    className="choice"
                    ref={i === 0 ? firstChoice : undefined}
                    data-autofocus={i === 0 ? '' : undefined}
                    data-testid={`makeup-course-${course.id}`}
                    aria-busy={busy || undefined}
                    onClick={() => void chooseCourse(course.id)}
                  >
                    <span className="choice__label">{course.title}</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </main>
    </div>
  );
}
