import '../styles/content.css';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentStatus, ContentTransferFigures } from '../../../common/contract-content.js';
import { useStation } from '../api/context.js';
import { formatBytes } from '../i18n/format.js';
import { usePolled } from './usePolled.js';

/** Percent done of a transfer; an empty one is complete. */
export function percentOf(figures: ContentTransferFigures): number {
  return figures.bytesTotal > 0 ? (100 * figures.bytesDone) / figures.bytesTotal : 100;
}

/** Whole minutes left, at least 1, or null when there is no rate yet. */
export function minutesLeft(figures: ContentTransferFigures): number | null {
  return figures.etaSeconds === null ? null : Math.max(1, Math.ceil(figures.etaSeconds / 60));
}

/** The bar itself: a progressbar the tests and screen readers can read. */
export function ProgressTrack({ percent, label }: { percent: number; label: string }) {
  return (
    <div
      className="content-progress-bar"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(percent)}
      aria-label={label}
    >
      <div className="content-progress-fill" style={{ width: `${percent.toFixed(1)}%` }} />
    </div>
  );
}

/** A labelled bar with bytes, rate and time left (the technician console's detail). */
export function ProgressBar({
  figures,
  label,
}: {
  figures: ContentTransferFigures;
  label: string;
}) {
  const { t } = useTranslation();
  const minutes = minutesLeft(figures);
  const eta = minutes === null ? '' : t('content.eta', { minutes });
  const rate =
    figures.bytesPerSecond > 0
      ? t('content.rate', { rate: formatBytes(t, figures.bytesPerSecond) })
      : '';
  return (
    <div className="content-progress">
      <div className="content-progress-label">
        <span>{label}</span>
        <span>
          {formatBytes(t, figures.bytesDone)} / {formatBytes(t, figures.bytesTotal)} {rate} {eta}
        </span>
      </div>
      <ProgressTrack percent={percentOf(figures)} label={label} />
    </div>
  );
}

/**
 * The course content status (versions and the latest sync or import run), polled while shown:
 * every `fastMs` while a run is going, every `slowMs` otherwise. `refresh` asks at once.
 */
export function useContentStatus(
  grant: string,
  { fastMs = 1000, slowMs = 2000 }: { fastMs?: number; slowMs?: number } = {},
): [ContentStatus | null, () => void] {
  const { api } = useStation();
  return usePolled(
    useCallback(() => api.getContentStatus({ grant }), [api, grant]),
    (status) => (status?.progress?.state === 'running' ? fastMs : slowMs),
  );
}
