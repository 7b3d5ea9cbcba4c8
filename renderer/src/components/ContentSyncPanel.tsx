import '../styles/content.css';
import { useTranslation } from 'react-i18next';
import { ProgressBar, useContentStatus } from './ContentProgress.js';

const MAX_FILES_SHOWN = 4;

/**
 * The course sync on the technician console: which version plays, which one is being fetched,
 * and the latest run's progress (bytes, rate, time left; overall and per file). Polls while shown.
 */
export function ContentSyncPanel({ grant }: { grant: string }) {
  const { t } = useTranslation();
  const [status] = useContentStatus(grant, { fastMs: 2000, slowMs: 2000 });
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
