import '../styles/course-update.css';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UsbCourseFolder } from '../../../common/contract-usb.js';
import { useStation } from '../api/context.js';
import { minutesLeft, percentOf, ProgressTrack, useContentStatus } from './ContentProgress.js';
import { errorSentence } from './ErrorBanner.js';
import { usePolled } from './usePolled.js';

/** How often the page looks at the sticks: one directory listing each time, nothing hashed. */
const LOOK_MS = 3000;

type BannerState =
  'running' | 'done' | 'incomplete' | 'failed' | 'offer' | 'refused' | 'pending' | 'idle';

/**
 * The organizer page's course line: a large progress bar while courses are being updated (a
 * night sync, a technician's sync, or an import from a USB stick), the offer to import courses
 * found on a stick, why a stick cannot be used, or that the courses are up to date.
 * Big plain words for elderly organizers; the technician console has the detail.
 */
export function CourseUpdateBanner({ grant }: { grant: string }) {
  const { t } = useTranslation();
  const { api } = useStation();
  const [status, refresh] = useContentStatus(grant, { fastMs: 1000, slowMs: LOOK_MS });
  /** The import pressed here: its folder, version, and the run it replaces in the progress. */
  const [own, setOwn] = useState<{ dir: string; version: number; after: string | null } | null>(
    null,
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const holder = useRef<HTMLElement>(null);
  const progress = status?.progress ?? null;
  const running = progress?.state === 'running';
  // The sticks are not looked at while a run goes; no offer is the safe answer when the station
  // cannot be asked.
  const [found] = usePolled(
    useCallback(() => api.findUsbCourses({ grant }).then((r) => r.folders), [api, grant]),
    running ? null : LOOK_MS,
  );
  const folders = found ?? [];

  const startImport = (folder: UsbCourseFolder) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const after = progress?.startedAt ?? null;
    api
      .importUsbCourses({ grant, dir: folder.dir })
      .then(
        (r) => {
          // The button goes away while the bar runs: keep the remote's focus on this panel.
          holder.current?.focus();
          setOwn({ dir: folder.dir, version: r.version, after });
          refresh();
        },
        (e: unknown) => setError(e),
      )
      .finally(() => setBusy(false));
  };

  const offer = folders.find((f) => f.verdict === 'newer' || f.verdict === 'resume');
  const refused = folders.find((f) => f.verdict === 'refused');
  const ownResult =
    own && progress && progress.source === own.dir && progress.startedAt !== own.after
      ? progress
      : null;

  let state: BannerState;
  let body: ReactNode;
  if (progress && running) {
    state = 'running';
    const total = progress.files.length;
    const done = progress.files.filter((f) => f.state === 'verified').length;
    const percent = Math.floor(percentOf(progress.overall));
    const minutes = minutesLeft(progress.overall);
    const line =
      minutes === null
        ? t('courseUpdate.running', { done, total, percent })
        : t('courseUpdate.runningEta', { done, total, percent, minutes });
    body = (
      <>
        <p className="course-update__line">{line}</p>
        <ProgressTrack percent={percent} label={line} />
        <p className="course-update__hint">{t('courseUpdate.runningHint')}</p>
      </>
    );
  } else if (ownResult) {
    state =
      ownResult.state === 'done'
        ? 'done'
        : ownResult.state === 'incomplete'
          ? 'incomplete'
          : 'failed';
    body =
      state === 'done' ? (
        <>
          <p className="course-update__line">
            {t('courseUpdate.done', { version: own?.version ?? '' })}
          </p>
          <ProgressTrack percent={100} label={t('courseUpdate.done', { version: own?.version })} />
        </>
      ) : state === 'incomplete' ? (
        <p className="course-update__line">{t('courseUpdate.incomplete')}</p>
      ) : (
        <>
          <p className="course-update__line">
            {t('courseUpdate.failed', { message: ownResult.message ?? '' })}
          </p>
          <p className="course-update__hint">{t('courseUpdate.unchanged')}</p>
        </>
      );
  } else if (offer) {
    state = 'offer';
    const resume = offer.verdict === 'resume';
    // The whole line is the button: one large target that Up reaches from any tile below.
    body = (
      <>
        <button
          type="button"
          className="course-update__offer"
          data-testid="usb-import"
          aria-disabled={busy ? 'true' : undefined}
          onClick={() => startImport(offer)}
        >
          <span className="course-update__line">
            {resume
              ? t('courseUpdate.offerResume', { version: offer.version })
              : t('courseUpdate.offer', { version: offer.version, count: offer.courseCount })}
          </span>
          <span className="course-update__action">
            {resume ? t('courseUpdate.resume') : t('courseUpdate.import')}
          </span>
        </button>
        {error ? (
          <p className="course-update__error" data-testid="usb-import-error">
            {errorSentence(t, error)}
          </p>
        ) : null}
      </>
    );
  } else if (error) {
    state = 'failed';
    body = (
      <>
        <p className="course-update__line">
          {t('courseUpdate.failed', { message: errorSentence(t, error) })}
        </p>
        <p className="course-update__hint">{t('courseUpdate.unchanged')}</p>
      </>
    );
  } else if (refused) {
    state = 'refused';
    const reason = refused.refusal
      ? t(`courseUpdate.reason.${refused.refusal}`, {
          version: refused.version ?? '',
          last: status?.acceptedVersion ?? '',
        })
      : (refused.message ?? '');
    body = (
      <>
        <p className="course-update__line">{t('courseUpdate.refused', { reason })}</p>
        <p className="course-update__hint">{t('courseUpdate.unchanged')}</p>
      </>
    );
  } else if (status && status.acceptedVersion !== null) {
    state = status.acceptedVersion === status.activeVersion ? 'idle' : 'pending';
    body = (
      <p className="course-update__line">
        {state === 'idle'
          ? t('courseUpdate.upToDate', { version: status.activeVersion })
          : t('courseUpdate.pending', { version: status.acceptedVersion })}
      </p>
    );
  } else {
    return null;
  }

  return (
    <section
      ref={holder}
      tabIndex={-1}
      className={`panel course-update course-update--${state}`}
      data-testid="course-update"
      data-state={state}
      role="status"
    >
      {body}
    </section>
  );
}
