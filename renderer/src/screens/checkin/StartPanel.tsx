import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CheckinSessionKind,
  CheckinSessionView,
} from '../../../../common/contract-checkin.js';
import { SESSION_KINDS } from '../../../../common/session-kinds.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { clockTime } from './format.js';

/**
 * Before check-in: continue the session that is running (started here, from the CLI or from the
 * schedule), or start one of a kind with a title. The title is prefilled ("11月集中学习") because
 * the remote cannot type Chinese; a physical keyboard can change it.
 */
export function StartPanel({
  running,
  month,
  onContinue,
  onStart,
}: {
  running: CheckinSessionView | null;
  month: number;
  onContinue: (view: CheckinSessionView) => void;
  onStart: (kind: CheckinSessionKind, title: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<CheckinSessionKind>('collective');
  const [title, setTitle] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const defaultTitle = (k: CheckinSessionKind) =>
    t('checkin.titleDefault', { month, kind: t(`sessionKind.${k}`) });
  const shownTitle = title ?? defaultTitle(kind);

  const start = async () => {
    if (busy || shownTitle.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      await onStart(kind, shownTitle.trim());
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <main className="screen-body checkin-start" data-testid="checkin-start">
      {running ? (
        <button
          type="button"
          className="tile tile--accent checkin-start__continue"
          data-testid="checkin-continue"
          data-autofocus=""
          onClick={() => onContinue(running)}
        >
          <span className="tile__label">{t('checkin.continue', { title: running.title })}</span>
          <span className="tile__hint">
            {t('checkin.continueHint', {
              time: clockTime(running.startedAt),
              present: running.counts.present,
            })}
          </span>
        </button>
      ) : null}
      <section className="panel checkin-start__panel">
        <h2 className="panel__title">{t('checkin.chooseKind')}</h2>
        <div className="kind-grid">
          {SESSION_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              className={k === kind ? 'kind-option kind-option--chosen' : 'kind-option'}
              aria-pressed={k === kind}
              data-testid={`kind-${k}`}
              data-autofocus={!running && k === 'collective' ? '' : undefined}
              onClick={() => setKind(k)}
            >
              {t(`sessionKind.${k}`)}
            </button>
          ))}
        </div>
        <label className="checkin-start__title">
          <span className="panel__title">
            {t('checkin.titleLabel')}
            <span className="checkin-start__hint">{t('checkin.titleHint')}</span>
          </span>
          <input
            type="text"
            className="text-input"
            data-testid="checkin-title"
            maxLength={60}
            value={shownTitle}
            onChange={(e) => setTitle(e.target.value)}
          />
        </label>
        {error ? <ErrorBanner error={error} /> : null}
        <button
          type="button"
          className="button button--primary checkin-start__go"
          data-testid="checkin-start-go"
          aria-disabled={busy || undefined}
          onClick={() => void start()}
        >
          {busy ? t('checkin.starting') : t('checkin.start')}
        </button>
      </section>
    </main>
  );
}
