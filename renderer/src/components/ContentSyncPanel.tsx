import '../styles/content.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentStatus, ContentTransferFigures } from '../../../common/contract-content.js';
import { useStation } from '../api/context.js';
import { formatBytes } from '../i18n/format.js';

const POLL_MS = 2000;
const MAX_FILES_SHOWN = 4;

function ProgressBar({ figures, label }: { figures: ContentTransferFigures; label: string }) {
  const { t } = useTranslation();
  const pct = figures.bytesTotal > 0 ? (100 * figures.bytesDone) / figures.bytesTotal : 100;
  const eta =
    figures.etaSeconds === null
      ? ''
      : t('content.eta', { minutes: Math.max(1, Math.ceil(figures.etaSeconds / 60)) });
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
      <div
        className="content-progress-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(pct)}
        aria-label={label}
      >
        <div className="content-progress-fill" style={{ width: `${pct.toFixed(1)}%` }} />
      </div>
    </div>
  );
}

/**
 * The course sync on the technician console: which version plays, which one is being fetched,
 * and the latest run's progress (bytes, rate, time left; overall and per file). Polls while shown.
 */
export function ContentSyncPanel({ grant }: { grant: string }) {
  const { t } = useTranslation();
  const { api } = useStation();
  const [status, setStatus] = useState<ContentStatus | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      api.getContentStatus({ grant }).then(
        (s) => live && setStatus(s),
        () => undefined, // the console's own table shows connection trouble
      );
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, grant]);
  if (!status) return null;
  const p = status.progress;
  const version = (v: number | null) =>
    v === null ? t('content.none') : t('content.version', { version: v });
  return (
    <section className="panel content-sync" data-testid="content-sync">
      <h2>{t('content.title')}</h2>
      <p>
        {t('content.playing')}: <strong>{version(status.activeVersion)}</strong>
        {status.acceptedVersion !== status.activeVersion ? (
          <>
            {' · '}
            {t('content.fetching')}: <strong>{version(status.acceptedVersion)}</strong>
          </>
        ) : null}
      </p>
      {p ? (
        <>
          <p data-testid="content-sync-state" className={`content-state-${p.state}`}>
            {t(`content.state.${p.state}`)}
            {p.message ? ` — ${p.message}` : ''}
          </p>
          {p.files.length > 0 ? (
            <ProgressBar figures={p.overall} label={t('content.overall')} />
          ) : null}
          {p.files
            .filter((f) => f.state !== 'verified')
            .slice(0, MAX_FILES_SHOWN)
            .map((f) => (
              <ProgressBar key={f.path} figures={f} label={f.path} />
            ))}
        </>
      ) : (
        <p>{t('content.never')}</p>
      )}
    </section>
  );
}
