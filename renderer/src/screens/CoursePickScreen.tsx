import '../styles/player.css';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStation } from '../api/context.js';
import { LoadState } from '../components/LoadState.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import type { PlayRequest } from '../navigation.js';
import { useFocusWhen } from '../player/useFocusWhen.js';
import { useStationQuery } from './useStationQuery.js';

/**
 * "播放课程": the organizer picks what the room watches — every course in order, or one — and the
 * player starts. Plays count for the collective study session running at the time.
 */
export function CoursePickScreen({
  onBack,
  onPlay,
}: {
  onBack: () => void;
  onPlay: (request: PlayRequest) => void;
}) {
  const { t } = useTranslation();
  const { api } = useStation();
  const [courses, reload] = useStationQuery(() => api.listCourses({}), 'courses');
  // Whether the plays will count for a session under way, so the organizer knows before playing.
  const [queue] = useStationQuery(() => api.getPlayerQueue({}), 'course-pick-queue');
  const session = queue.status === 'ready' ? queue.value.session : null;
  const allRef = useRef<HTMLButtonElement>(null);
  useFocusWhen(allRef, courses.status === 'ready');
  return (
    <div className="screen course-pick" data-testid="course-pick-screen">
      <ScreenHeader
        title={t('player.pickTitle')}
        subtitle={
          queue.status !== 'ready'
            ? undefined
            : session
              ? t('player.countsFor', { title: session.title })
              : t('player.countsForNone')
        }
        onBack={onBack}
      />
      <main className="screen-body">
        {courses.status === 'loading' ? <LoadState onRetry={reload} /> : null}
        {courses.status === 'error' ? <LoadState error={courses.error} onRetry={reload} /> : null}
        {courses.status === 'ready' && courses.value.length === 0 ? (
          <p className="empty-state">{t('player.noCourses')}</p>
        ) : null}
        {courses.status === 'ready' && courses.value.length > 0 ? (
          <ul className="choice-list" data-testid="course-list">
            <li>
              <button
                type="button"
                className="choice choice--accent"
                ref={allRef}
                data-autofocus=""
                data-testid="course-all"
                onClick={() => onPlay({})}
              >
                <span className="choice__label">{t('player.playAll')}</span>
                <span className="choice__hint">
                  {t('player.courseCount', { count: courses.value.length })}
                </span>
              </button>
            </li>
            {courses.value.map((course) => (
              <li key={course.id}>
                <button
                  type="button"
                  className="choice"
                  data-testid={`course-${course.id}`}
                  onClick={() => onPlay({ courseIds: [course.id] })}
                >
                  <span className="choice__label">{course.title}</span>
                  <span className="choice__hint">
                    {t('player.fileCount', { count: course.files.length })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </main>
    </div>
  );
}
