import '../styles/exports.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportJobView, ExportTarget } from '../../../common/contract-exports.js';
import { useStation } from '../api/context.js';
import { useStationQuery } from '../screens/useStationQuery.js';

const POLL_MS = 400;

/**
 * The organizer's export of this year's attendance to a USB stick, as CSV or Excel, with a
 * progress bar. The station writes through a hidden partial file, so pulling the stick early
 * never leaves a file that looks complete.
 */
export function ExportPanel({ grant }: { grant: string }) {
  const { t } = useTranslation();
  const { api } = useStation();
  const [targets, reload] = useStationQuery(
    () => api.listExportTargets({ grant }),
    `export-targets:${grant}`,
  );
  const [job, setJob] = useState<ExportJobView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const jobId = job?.state === 'running' ? job.id : null;
  useEffect(() => {
    if (!jobId) return;
    const timer = setInterval(() => {
      api.getExportJob({ grant, id: jobId }).then(setJob, (e: unknown) => setError(String(e)));
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [api, grant, jobId]);

  const year = new Date().getFullYear();
  const start = (format: 'csv' | 'xlsx', target: ExportTarget) => {
    setError(null);
    api
      .startAttendanceExport({
        grant,
        format,
        from: `${year}-01-01`,
        to: `${year}-12-31`,
        target: target.path,
      })
      .then(setJob, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };

  const list = targets.status === 'ready' ? targets.value : [];
  return (
    <section className="panel export-panel" data-testid="export-panel">
      <h2 className="panel__title">{t('exports.title', { year })}</h2>
      {targets.status === 'ready' && list.length === 0 ? (
        <p className="empty-state">
          {t('exports.noStick')}{' '}
          <button type="button" className="button" onClick={reload} data-testid="export-rescan">
            {t('exports.rescan')}
          </button>
        </p>
      ) : null}
      <div className="export-targets">
        {list.map((target) => (
          <div key={target.path} className="export-target">
            <span className="export-target__label">{target.label}</span>
            <button
              type="button"
              className="button"
              data-testid="export-csv"
              disabled={job?.state === 'running'}
              onClick={() => start('csv', target)}
            >
              {t('exports.csv')}
            </button>
            <button
              type="button"
              className="button"
              data-testid="export-xlsx"
              disabled={job?.state === 'running'}
              onClick={() => start('xlsx', target)}
            >
              {t('exports.xlsx')}
            </button>
          </div>
        ))}
      </div>
      {job ? (
        <div className="export-progress" data-testid="export-progress" data-state={job.state}>
          <progress value={job.rows} max={Math.max(job.total, 1)} />
          <p>
            {job.state === 'running'
              ? t('exports.running', { rows: job.rows, total: job.total })
              : job.state === 'done'
                ? t('exports.done', { rows: job.rows, file: job.file })
                : job.error}
          </p>
        </div>
      ) : null}
      {error ? <p className="export-error">{error}</p> : null}
    </section>
  );
}
