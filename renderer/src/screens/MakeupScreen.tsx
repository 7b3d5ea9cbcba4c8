import '../styles/player.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizerOverview } from '../../../common/contract.js';
import { useStation } from '../api/context.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { LoadState } from '../components/LoadState.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { useFocusWhen } from '../player/useFocusWhen.js';
import { useStationQuery } from './useStationQuery.js';

type Member = OrganizerOverview['members'][number];

/**
 * "补学": a member who missed a session watches its course alone. The organizer picks the member,
 * then the course; the station opens a make-up study record and the player logs plays against it.
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
  const [member, setMember] = useState<Member | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [overview, reloadOverview] = useStationQuery(
    () => api.getOrganizerOverview({ grant }),
    `makeup:${grant}`,
  );
  const [courses, reloadCourses] = useStationQuery(() => api.listCourses({}), 'courses');
  const firstMember = useRef<HTMLButtonElement>(null);
  const firstCourse = useRef<HTMLButtonElement>(null);
  useFocusWhen(firstMember, !member && overview.status === 'ready');
  useFocusWhen(firstCourse, member && courses.status === 'ready' ? member : null);

  // Back on the course step returns to the member step rather than leaving the screen.
  useEffect(() => {
    if (!member) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' && event.key !== 'BrowserBack' && event.key !== 'GoBack') return;
      event.preventDefault();
      event.stopPropagation();
      setMember(null);
      setError(null);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [member]);

  const start = async (courseId: string) => {
    if (!member || busy) return;
    setBusy(true);
    setError(null);
    try {
      const started = await api.startMakeup({ grant, memberId: member.id, courseId });
      onStarted(started.makeupId);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const loading = overview.status === 'loading' || courses.status === 'loading';
  const failed =
    overview.status === 'error'
      ? overview.error
      : courses.status === 'error'
        ? courses.error
        : null;

  return (
    <div className="screen makeup-screen" data-testid="makeup-screen">
      <ScreenHeader
        title={t('player.makeupTitle')}
        subtitle={member ? t('player.makeupMember', { name: member.name }) : t('player.pickMember')}
        onBack={member ? () => setMember(null) : onBack}
      />
      <main className="screen-body">
        {loading ? <LoadState onRetry={reloadOverview} /> : null}
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
        {!member && overview.status === 'ready' ? (
          <ul className="choice-grid" data-testid="makeup-members">
            {overview.value.members.map((m, i) => (
              <li key={m.id}>
                <button
                  type="button"
                  className="choice choice--member"
                  ref={i === 0 ? firstMember : undefined}
                  data-autofocus={i === 0 ? '' : undefined}
                  data-testid="makeup-member"
                  onClick={() => setMember(m)}
                >
                  <span className="choice__label">{m.name}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {member && courses.status === 'ready' ? (
          <>
            <h2 className="panel__title">{t('player.pickCourse')}</h2>
            <ul className="choice-list" data-testid="makeup-courses">
              {courses.value.map((course, i) => (
                <li key={course.id}>
                  <button
                    type="button"
                    className="choice"
                    ref={i === 0 ? firstCourse : undefined}
                    data-autofocus={i === 0 ? '' : undefined}
                    data-testid={`makeup-course-${course.id}`}
                    aria-busy={busy || undefined}
                    onClick={() => void start(course.id)}
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
