import '../styles/technician.css';
import '../styles/health.css';
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type {
  HealthConsoleView,
  HealthItemView,
  SelfTestRun,
} from '../../../common/contract-health.js';
import { useStation } from '../api/context.js';
import { ColourBars } from '../components/ColourBars.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { LockButton, type ProtectedScreenProps } from '../components/LockButton.js';
import { LoadState } from '../components/LoadState.js';
import { ContentSyncPanel } from '../components/ContentSyncPanel.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { playTestTone } from '../health/tone.js';
import { formatBytes, localDateTime } from '../i18n/format.js';
import { useStationQuery } from './useStationQuery.js';

const GLYPH = { ok: '✓', warn: '!', fail: '✕', unknown: '?' } as const;
const RESULT_GLYPH = { pass: '✓', fail: '✕', unknown: '?' } as const;

function HealthItemRow({ item }: { item: HealthItemView }) {
  const { t } = useTranslation();
  return (
    <li
      className={`health-item health-item--${item.grade}`}
      data-testid={`health-${item.id}`}
      data-grade={item.grade}
    >
      <span className="health-item__dot" aria-hidden="true">
        {GLYPH[item.grade]}
      </span>
      <span className="health-item__label">{item.label}</span>
      <span className="health-item__grade">{t(`grade.${item.grade}`)}</span>
      <span className="health-item__text">{item.text}</span>
    </li>
  );
}

function SelfTestPanel({ run, timeZone, t }: { run: SelfTestRun; timeZone: string; t: TFunction }) {
  return (
    <section
      className="panel health-panel"
      data-testid="selftest-result"
      data-overall={run.overall}
    >
      <h2 className="panel__title">
        {t('health.lastSelfTest', { time: localDateTime(run.finishedAt, timeZone) })}
        <span className={`health-result health-result--${run.overall}`}>
          {t(`health.overall.${run.overall}`)}
        </span>
      </h2>
      <ul className="selftest-steps">
        {run.steps.map((s) => (
          <li
            key={s.id}
            className={`selftest-step selftest-step--${s.result}`}
            data-testid={`selftest-${s.id}`}
            data-result={s.result}
          >
            <span className="selftest-step__dot" aria-hidden="true">
              {RESULT_GLYPH[s.result]}
            </span>
            <span className="selftest-step__label">{s.label}</span>
            <span className="selftest-step__text">
              {s.text}
              {s.advice ? <span className="selftest-step__advice">→ {s.advice}</span> : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

type Busy = null | 'refresh' | 'selftest' | 'time' | 'hub' | 'tone' | 'diagnostics' | 'sync';

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$/;

/**
 * The technician's console: every graded item with colour, glyph and words, the clock's state,
 * courses and upload, recent problems and the actions that work on this terminal. Everything is
 * reachable with the remote's arrows and OK.
 */
export function TechnicianScreen({
  grant,
  onBack,
  onLock,
  onOpenEquipment,
}: ProtectedScreenProps & { onOpenEquipment?: () => void }) {
  const { t } = useTranslation();
  const { api } = useStation();
  const [query, reload] = useStationQuery(
    () => api.getHealthConsole({ grant }),
    `technician:${grant}`,
  );
  const [override, setOverride] = useState<HealthConsoleView | null>(null);
  const [selfTest, setSelfTest] = useState<SelfTestRun | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [bars, setBars] = useState(false);
  const [hubDraft, setHubDraft] = useState<string | null>(null);
  const [manualTime, setManualTime] = useState('');
  const closeBars = useCallback(() => setBars(false), []);

  const view = override ?? (query.status === 'ready' ? query.value : null);

  const act = async (kind: Busy, work: () => Promise<void>) => {
    if (busy) return;
    setBusy(kind);
    setError(null);
    setNotice(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const refresh = () =>
    act('refresh', async () => {
      setOverride(await api.getHealthConsole({ grant }));
    });
  const runSelfTest = () =>
    act('selftest', async () => {
      setSelfTest(await api.runSelfTest({ grant }));
      setOverride(await api.getHealthConsole({ grant }));
    });
  const correctTime = () =>
    act('time', async () => {
      await api.correctTimeFromHub({ grant });
      setOverride(await api.getHealthConsole({ grant }));
      setNotice(t('health.corrected'));
    });
  const exportDiagnostics = () =>
    act('diagnostics', async () => {
      const { file } = await api.exportDiagnostics({ grant });
      setNotice(t('health.diagnosticsWritten', { file }));
    });
  const syncNow = () =>
    act('sync', async () => {
      await api.syncContentNow({ grant });
      setNotice(t('health.syncStarted'));
      // The progress panel sits below the fold on a 1366×768 TV: bring it into view.
      document
        .querySelector('[data-testid="content-sync"]')
        ?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    });
  const tone = () =>
    act('tone', async () => {
      setNotice(t('health.tonePlaying'));
      try {
        await playTestTone();
      } catch (e) {
        throw new Error(
          t('health.toneFailed', { detail: e instanceof Error ? e.message : String(e) }),
        );
      }
    });
  const saveHub = (event: FormEvent) => {
    event.preventDefault();
    const url = (hubDraft ?? view?.hubUrl ?? '').trim();
    if (url !== '' && !/^https?:\/\/\S+$/i.test(url)) {
      setError(new Error(t('health.hubInvalid')));
      return;
    }
    void act('hub', async () => {
      setOverride(await api.setHubUrl({ grant, url }));
      setHubDraft(null);
      setNotice(t('health.hubSaved'));
    });
  };

  const saveManualTime = (event: FormEvent) => {
    event.preventDefault();
    const local = manualTime.trim();
    if (!LOCAL_TIME.test(local)) {
      setError(new Error(t('health.manualInvalid')));
      return;
    }
    void act('time', async () => {
      await api.setTimeManually({ grant, local });
      setOverride(await api.getHealthConsole({ grant }));
      setManualTime('');
      setNotice(t('health.corrected'));
    });
  };

  const tz = view?.terminal.timeZone ?? 'Asia/Shanghai';
  const shownSelfTest = selfTest ?? view?.lastSelfTest ?? null;

  return (
    <div className="screen technician-screen" data-testid="technician-screen">
      <ScreenHeader
        title={t('technician.title')}
        subtitle={
          view
            ? t('health.subtitle', {
                village: view.terminal.village,
                name: view.terminal.name,
                id: view.terminal.id.slice(0, 8),
              })
            : undefined
        }
        onBack={onBack}
      >
        <LockButton label={t('technician.lock')} onLock={onLock} />
      </ScreenHeader>
      <main
        className="screen-body health-body"
        data-testid="health-body"
        data-busy={busy ?? ''}
        data-nav-scroll=""
        tabIndex={-1}
      >
        {!view && query.status === 'loading' ? <LoadState onRetry={reload} /> : null}
        {!view && query.status === 'error' ? (
          <LoadState error={query.error} onRetry={reload} />
        ) : null}
        {view ? (
          <>
            <section
              className={`clock-banner clock-banner--${view.clock.trusted ? 'ok' : 'fail'}`}
              data-testid="clock-status"
              data-trusted={String(view.clock.trusted)}
            >
              <span className="clock-banner__dot" aria-hidden="true">
                {view.clock.trusted ? '✓' : '✕'}
              </span>
              <div className="clock-banner__words">
                <strong>
                  {t(view.clock.trusted ? 'health.clockTrusted' : 'health.clockUntrusted')}
                  {' · '}
                  {localDateTime(view.clock.now, tz)}
                </strong>
                <span>{view.clock.text}</span>
              </div>
              {view.hubUrl ? (
                <button
                  type="button"
                  className="button"
                  data-testid="correct-time"
                  aria-disabled={busy !== null}
                  onClick={() => void correctTime()}
                >
                  {busy === 'time' ? t('health.correcting') : t('health.correctTime')}
                </button>
              ) : null}
            </section>

            {error ? <ErrorBanner error={error} /> : null}
            {notice ? (
              <p className="notice health-notice" data-testid="health-notice" role="status">
                {notice}
              </p>
            ) : null}

            <div className="health-layout">
              <section className="panel health-panel health-items-panel">
                <h2 className="panel__title">
                  {t('health.items')}
                  <span className="health-panel__meta">
                    {t('health.checkedAt', { time: localDateTime(view.takenAt, tz) })}
                  </span>
                </h2>
                <ul className="health-items" data-testid="health-items">
                  {view.items.map((item) => (
                    <HealthItemRow key={item.id} item={item} />
                  ))}
                </ul>
              </section>

              <div className="health-side">
                <section className="panel health-panel">
                  <h2 className="panel__title">{t('health.actions')}</h2>
                  <div className="health-actions">
                    <button
                      type="button"
                      className="button button--primary"
                      data-testid="run-selftest"
                      aria-disabled={busy !== null}
                      onClick={() => void runSelfTest()}
                    >
                      {busy === 'selftest' ? t('health.selfTestRunning') : t('health.selfTest')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      data-testid="colour-bars-button"
                      onClick={() => setBars(true)}
                    >
                      {t('health.colourBars')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      data-testid="tone-button"
                      aria-disabled={busy !== null}
                      onClick={() => void tone()}
                    >
                      {t('health.tone')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      data-testid="refresh-health"
                      aria-disabled={busy !== null}
                      onClick={() => void refresh()}
                    >
                      {busy === 'refresh' ? t('health.refreshing') : t('health.refresh')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      data-testid="sync-now"
                      aria-disabled={busy !== null}
                      onClick={() => void syncNow()}
                    >
                      {t('health.syncNow')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      data-testid="export-diagnostics"
                      aria-disabled={busy !== null}
                      onClick={() => void exportDiagnostics()}
                    >
                      {busy === 'diagnostics'
                        ? t('health.diagnosticsRunning')
                        : t('health.diagnostics')}
                    </button>
                    {onOpenEquipment ? (
                      <button
                        type="button"
                        className="button"
                        data-testid="open-equipment"
                        onClick={onOpenEquipment}
                      >
                        {t('equipment.open')}
                      </button>
                    ) : null}
                  </div>
                  <form className="hub-form" onSubmit={saveHub}>
                    <label htmlFor="hub-url">{t('health.hub')}</label>
                    <div className="hub-form__row">
                      <input
                        id="hub-url"
                        data-testid="hub-url"
                        type="url"
                        inputMode="url"
                        placeholder={t('health.hubPlaceholder')}
                        value={hubDraft ?? view.hubUrl}
                        onChange={(e) => setHubDraft(e.target.value)}
                      />
                      <button type="submit" className="button" data-testid="hub-save">
                        {t('health.hubSave')}
                      </button>
                    </div>
                  </form>
                  <form className="hub-form" onSubmit={saveManualTime}>
                    <label htmlFor="manual-time">{t('health.manualTime')}</label>
                    <div className="hub-form__row">
                      <input
                        id="manual-time"
                        data-testid="manual-time"
                        type="text"
                        inputMode="numeric"
                        placeholder={t('health.manualPlaceholder')}
                        value={manualTime}
                        onChange={(e) => setManualTime(e.target.value)}
                      />
                      <button type="submit" className="button" data-testid="manual-time-save">
                        {t('health.manualSave')}
                      </button>
                    </div>
                  </form>
                </section>

                <ContentSyncPanel grant={grant} />

                <section className="panel health-panel" data-testid="content-upload">
                  <h2 className="panel__title">{t('health.contentUpload')}</h2>
                  <p>
                    {view.content.files
                      ? t('health.contentFiles', {
                          count: view.content.files,
                          size: formatBytes(t, view.content.bytes ?? 0),
                        })
                      : t('health.noContent')}
                  </p>
                  <p>
                    {t('health.lastSync', {
                      at: localDateTime(view.content.lastSync, tz) ?? t('health.never'),
                    })}
                  </p>
                  <p>
                    {t('health.lastUpload', {
                      at: localDateTime(view.upload.lastUpload, tz) ?? t('health.never'),
                    })}
                  </p>
                </section>

                <section className="panel health-panel" data-testid="recent-problems">
                  <h2 className="panel__title">{t('health.problems')}</h2>
                  {view.recentProblems.length === 0 ? (
                    <p className="health-muted">{t('health.noProblems')}</p>
                  ) : (
                    <ul className="health-problems">
                      {view.recentProblems.slice(0, 6).map((p) => (
                        <li key={`${p.source}-${p.at}`}>
                          <span className="health-muted">{localDateTime(p.at, tz)}</span> {p.text}
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              </div>
            </div>

            {shownSelfTest ? (
              <SelfTestPanel run={shownSelfTest} timeZone={tz} t={t} />
            ) : (
              <p className="health-muted">{t('health.noSelfTest')}</p>
            )}
          </>
        ) : null}
      </main>
      {bars ? <ColourBars onClose={closeBars} /> : null}
    </div>
  );
}
