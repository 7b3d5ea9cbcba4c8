import '../styles/checkin.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CheckinMember,
  CheckinSessionKind,
  CheckinSessionView,
  MemberSearchResult,
} from '../../../common/contract-checkin.js';
import { StationError } from '../../../common/result.js';
import { useStation } from '../api/context.js';
import { errorSentence } from '../components/ErrorBanner.js';
import { LoadState } from '../components/LoadState.js';
import { PrintPanel } from '../components/PrintPanel.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { focusInitial, isTextField } from '../nav/focus.js';
import { ExtrasDialog } from './checkin/ExtrasDialog.js';
import { clockTime } from './checkin/format.js';
import { CountsBar, FeedbackBanner, MemberTile, type Feedback } from './checkin/parts.js';
import { LetterKeyboard } from './checkin/LetterKeyboard.js';
import { PinConfirm } from './checkin/PinConfirm.js';
import { ReasonDialog } from './checkin/ReasonDialog.js';
import { codeOnEnter, EMPTY_SCAN, typed, type ScanState } from './checkin/scanner.js';
import { playError, playSuccess } from './checkin/sound.js';
import { StartPanel } from './checkin/StartPanel.js';

const TILE_LIMIT = 60;
const FEEDBACK_MS = 2_500;

type Phase =
  | { name: 'loading' }
  | { name: 'error'; error: unknown }
  | { name: 'start'; running: CheckinSessionView | null }
  | { name: 'run' }
  | { name: 'ended' };

type Mode = 'checkin' | 'checkout' | 'excuse';

type Dialog =
  | null
  | { type: 'pin'; prompt: string; submit: (pin: string) => Promise<void>; cancel: () => void }
  | { type: 'reason'; member: CheckinMember }
  | { type: 'extras'; tab: 'minutes' | 'photos' };

const isUnauthorized = (e: unknown) => e instanceof StationError && e.code === 'UNAUTHORIZED';

/**
 * Running a session from the TV remote: start it (or continue the running one), then check
 * members in from large name tiles, found with the on-screen letter keyboard by pinyin, or by a
 * card or QR scanner. Each check-in answers at once with the name, a big ✓ and a tone. Check-out,
 * excused absence and the end of the session take the organizer's PIN again.
 */
export function CheckinScreen({
  grant: openingGrant,
  onBack,
}: {
  grant: string;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const { api } = useStation();
  const grantRef = useRef(openingGrant);
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });
  const [view, setView] = useState<CheckinSessionView | null>(null);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<MemberSearchResult | null>(null);
  const [mode, setMode] = useState<Mode>('checkin');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const scanRef = useRef<{ state: ScanState; queryBefore: string }>({
    state: EMPTY_SCAN,
    queryBefore: '',
  });
  const dialogOpen = dialog !== null;
  const screenRef = useRef<HTMLDivElement>(null);
  const lastKeyRef = useRef<string | null>(null);

  /**
   * Runs a call with the current grant. A grant lapses after pin.grantMinutes, and a session runs
   * longer: then the PIN is asked again and the call retried with the new grant.
   */
  const withGrant = useCallback(
    <T,>(fn: (grant: string) => Promise<T>): Promise<T> =>
      fn(grantRef.current).catch((error: unknown) => {
        if (!isUnauthorized(error)) throw error;
        return new Promise<T>((resolve, reject) => {
          setDialog({
            type: 'pin',
            prompt: t('checkin.pinRelogin'),
            submit: async (pin) => {
              const unlocked = await api.unlock({ role: 'organizer', pin });
              grantRef.current = unlocked.grant;
              setDialog(null);
              fn(unlocked.grant).then(resolve, reject);
            },
            cancel: () => {
              setDialog(null);
              reject(error);
            },
          });
        });
      }),
    [api, t],
  );

  // A grant this screen obtained itself is given back when the screen closes.
  useEffect(
    () => () => {
      if (grantRef.current !== openingGrant)
        api.lock({ grant: grantRef.current }).catch(() => undefined);
    },
    [api, openingGrant],
  );

  const load = useCallback(() => {
    setPhase({ name: 'loading' });
    withGrant((grant) => api.getCheckinSession({ grant })).then(
      (running) => setPhase({ name: 'start', running }),
      (error: unknown) => setPhase({ name: 'error', error }),
    );
  }, [api, withGrant]);
  useEffect(load, [load]);

  // Each phase starts with the focus on its own first choice, not where the last one left it.
  useEffect(() => {
    if (screenRef.current) focusInitial(screenRef.current);
  }, [phase.name]);

  // Search as you type: every keystroke asks the station's index; only the latest answer counts.
  const searchSerial = useRef(0);
  useEffect(() => {
    if (phase.name !== 'run') return;
    const serial = ++searchSerial.current;
    withGrant((grant) => api.searchMembers({ grant, query, limit: TILE_LIMIT })).then(
      (found) => serial === searchSerial.current && setResults(found),
      (error: unknown) =>
        serial === searchSerial.current && show('error', errorSentence(t, error), ''),
    );
  }, [api, query, phase.name, withGrant]);

  const feedbackSerial = useRef(0);
  const show = (kind: Feedback['kind'], title: string, detail: string) => {
    if (kind === 'ok') playSuccess();
    else playError();
    setFeedback({ kind, title, detail, serial: ++feedbackSerial.current });
  };
  useEffect(() => {
    if (!feedback) return;
    const timer = setTimeout(() => setFeedback(null), FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [feedback]);

  const applyCheckin = (
    member: CheckinMember,
    at: string,
    late: boolean,
    counts: CheckinSessionView['counts'],
  ) => {
    setView((v) =>
      v
        ? {
            ...v,
            counts,
            attendees: [
              ...v.attendees.filter((a) => a.id !== member.id),
              {
                ...member,
                status: 'present',
                checkedInAt: at,
                checkedOutAt: null,
                late,
                reason: null,
                recordedBy: 'kiosk:organizer',
              },
            ],
          }
        : v,
    );
  };

  const checkIn = async (target: { memberId: number } | { code: string }) => {
    if (!view) return;
    try {
      const r = await withGrant((grant) =>
        api.checkinMember({ grant, sessionId: view.id, ...target }),
      );
      applyCheckin(r.member, r.at, r.late, r.counts);
      show('ok', r.member.name, r.late ? t('checkin.checkedInLate') : t('checkin.checkedIn'));
      // A search found this person; clear it for the next one and go back to the letters.
      if (query !== '') {
        setQuery('');
        const key = lastKeyRef.current;
        if (key) screenRef.current?.querySelector<HTMLElement>(`[data-testid="${key}"]`)?.focus();
      }
    } catch (error) {
      show('error', errorSentence(t, error), '');
    }
  };

  const confirmWithPin = (
    prompt: string,
    action: (pin: string) => Promise<CheckinSessionView>,
    done: (v: CheckinSessionView) => void,
  ) => {
    setDialog({
      type: 'pin',
      prompt,
      submit: async (pin) => {
        const next = await action(pin);
        setDialog(null);
        setView(next);
        setMode('checkin');
        setQuery('');
        done(next);
      },
      cancel: () => setDialog(null),
    });
  };

  const onTile = (member: CheckinMember) => {
    if (!view) return;
    if (mode === 'checkin') {
      void checkIn({ memberId: member.id });
    } else if (mode === 'checkout') {
      confirmWithPin(
        t('checkin.pinCheckout', { name: member.name }),
        (pin) =>
          api.checkoutMember({
            grant: grantRef.current,
            sessionId: view.id,
            memberId: member.id,
            pin,
          }),
        () => show('ok', member.name, t('checkin.checkedOutDone', { name: member.name })),
      );
    } else {
      setDialog({ type: 'reason', member });
    }
  };

  const onReason = (member: CheckinMember, reason: string) => {
    if (!view) return;
    confirmWithPin(
      t('checkin.pinExcuse', { name: member.name, reason }),
      (pin) =>
        api.excuseMember({
          grant: grantRef.current,
          sessionId: view.id,
          memberId: member.id,
          reason,
          pin,
        }),
      () => show('ok', member.name, t('checkin.excusedDone', { name: member.name })),
    );
  };

  const onEnd = () => {
    if (!view) return;
    confirmWithPin(
      t('checkin.pinEnd', { title: view.title }),
      (pin) => api.endCheckinSession({ grant: grantRef.current, sessionId: view.id, pin }),
      () => setPhase({ name: 'ended' }),
    );
  };

  // Keys from a physical keyboard or a scanner: letters search, a scanned code and Enter checks
  // in, Backspace deletes a letter, Back leaves a check-out/absence choice before the screen.
  useEffect(() => {
    if (phase.name !== 'run' || dialogOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTextField(document.activeElement))
        return;
      const now = performance.now();
      const scan = scanRef.current;
      if (event.key.length === 1 && /[0-9A-Za-z\-_]/.test(event.key)) {
        event.preventDefault();
        const next = typed(scan.state, event.key, now);
        if (next.chars.length === 1) scan.queryBefore = query;
        scan.state = next;
        if (/[A-Za-z]/.test(event.key)) setQuery((q) => (q + event.key.toLowerCase()).slice(0, 40));
        return;
      }
      if (event.key === 'Enter') {
        const code = codeOnEnter(scan.state, now);
        scan.state = EMPTY_SCAN;
        if (code) {
          event.preventDefault();
          event.stopPropagation();
          setQuery(scan.queryBefore);
          void checkIn({ code });
        }
        return;
      }
      if (event.key === 'Backspace' && query !== '') {
        event.preventDefault();
        setQuery((q) => q.slice(0, -1));
        return;
      }
      if (
        (event.key === 'Escape' ||
          event.key === 'Backspace' ||
          event.key === 'BrowserBack' ||
          event.key === 'GoBack') &&
        mode !== 'checkin'
      ) {
        event.preventDefault();
        setMode('checkin');
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  });

  const attendeeById = new Map((view?.attendees ?? []).map((a) => [a.id, a]));

  let body;
  if (phase.name === 'loading') body = <LoadState onRetry={load} />;
  else if (phase.name === 'error') body = <LoadState error={phase.error} onRetry={load} />;
  else if (phase.name === 'start') {
    body = (
      <StartPanel
        running={phase.running}
        month={new Date().getMonth() + 1}
        onContinue={(v) => {
          setView(v);
          setPhase({ name: 'run' });
        }}
        onStart={async (kind: CheckinSessionKind, title: string) => {
          const v = await withGrant((grant) => api.startCheckinSession({ grant, kind, title }));
          setView(v);
          setPhase({ name: 'run' });
        }}
      />
    );
  } else if (phase.name === 'ended' && view) {
    body = (
      <main className="screen-body checkin-ended" data-testid="checkin-ended">
        <p className="checkin-ended__title">✓ {t('checkin.ended')}</p>
        <p className="checkin-ended__summary" data-testid="checkin-summary">
          {t('checkin.endedSummary', { ...view.counts })}
        </p>
        <button
          type="button"
          className="button button--primary"
          data-autofocus=""
          data-testid="checkin-done"
          onClick={onBack}
        >
          {t('checkin.backToOrganizer')}
        </button>
        <PrintPanel grant={grantRef.current} sessionId={view.id} />
      </main>
    );
  } else if (view) {
    const members = results?.members ?? [];
    body = (
      <main className="checkin-body" inert={dialogOpen}>
        <section className="checkin-side">
          <div className="checkin-search" data-testid="checkin-search">
            <span className="checkin-search__label">{t('checkin.search')}</span>
            <span className="checkin-search__query" data-testid="checkin-query">
              {query === '' ? (
                <span className="checkin-search__placeholder">
                  {t('checkin.searchPlaceholder')}
                </span>
              ) : (
                query.toUpperCase()
              )}
            </span>
          </div>
          <LetterKeyboard
            onLetter={(l) => {
              // The key last pressed, where the focus returns after a check-in.
              lastKeyRef.current = `letter-${l.toUpperCase()}`;
              setQuery((q) => (q + l).slice(0, 40));
            }}
            onDelete={() => setQuery((q) => q.slice(0, -1))}
            onClear={() => setQuery('')}
          />
          <div className="checkin-actions">
            <button
              type="button"
              className={mode === 'checkout' ? 'button button--chosen' : 'button'}
              data-testid="checkin-mode-checkout"
              onClick={() => setMode(mode === 'checkout' ? 'checkin' : 'checkout')}
            >
              {t('checkin.checkout')}
            </button>
            <button
              type="button"
              className={mode === 'excuse' ? 'button button--chosen' : 'button'}
              data-testid="checkin-mode-excuse"
              onClick={() => setMode(mode === 'excuse' ? 'checkin' : 'excuse')}
            >
              {t('checkin.excuse')}
            </button>
            <button
              type="button"
              className="button"
              data-testid="checkin-minutes"
              onClick={() => setDialog({ type: 'extras', tab: 'minutes' })}
            >
              {t('checkin.minutes')}
            </button>
            <button
              type="button"
              className="button"
              data-testid="checkin-photos"
              onClick={() => setDialog({ type: 'extras', tab: 'photos' })}
            >
              {t('checkin.photos')}
            </button>
            <button
              type="button"
              className="button button--primary checkin-actions__end"
              data-testid="checkin-end"
              onClick={onEnd}
            >
              {t('checkin.end')}
            </button>
          </div>
        </section>
        <section className="checkin-main">
          <p
            className={`checkin-status checkin-status--${mode}`}
            data-testid="checkin-mode"
            data-mode={mode}
          >
            {mode === 'checkout'
              ? t('checkin.modeCheckout')
              : mode === 'excuse'
                ? t('checkin.modeExcuse')
                : results && query !== ''
                  ? results.total === 0
                    ? t('checkin.noMatch')
                    : t('checkin.matches', { count: results.total })
                  : t('checkin.scanHint')}
            {results && results.total > members.length ? (
              <span className="checkin-status__more">
                {' '}
                · {t('checkin.moreMatches', { count: results.total - members.length })}
              </span>
            ) : null}
          </p>
          <ul className="checkin-grid" data-testid="checkin-grid">
            {members.map((m) => (
              <MemberTile
                key={m.id}
                member={m}
                attendee={attendeeById.get(m.id)}
                onActivate={() => onTile(m)}
              />
            ))}
          </ul>
          {feedback ? <FeedbackBanner key={feedback.serial} feedback={feedback} /> : null}
        </section>
      </main>
    );
  }

  const counts = view?.counts;
  return (
    <div
      className="screen checkin-screen"
      data-testid="checkin-screen"
      data-phase={phase.name}
      ref={screenRef}
    >
      <ScreenHeader
        title={
          phase.name === 'run' || phase.name === 'ended'
            ? (view?.title ?? '')
            : t('checkin.startTitle')
        }
        subtitle={
          view && (phase.name === 'run' || phase.name === 'ended')
            ? t('checkin.subtitle', {
                kind: t(`sessionKind.${view.kind}`),
                time: clockTime(view.startedAt),
              })
            : undefined
        }
        onBack={onBack}
      >
        {counts && phase.name === 'run' ? <CountsBar counts={counts} /> : null}
      </ScreenHeader>
      {body}
      {dialog?.type === 'pin' ? (
        <PinConfirm prompt={dialog.prompt} onSubmit={dialog.submit} onCancel={dialog.cancel} />
      ) : null}
      {dialog?.type === 'reason' ? (
        <ReasonDialog
          member={dialog.member}
          onChoose={(reason) => onReason(dialog.member, reason)}
          onCancel={() => setDialog(null)}
        />
      ) : null}
      {dialog?.type === 'extras' && view ? (
        <ExtrasDialog
          tab={dialog.tab}
          session={view}
          withGrant={withGrant}
          onSaved={setView}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </div>
  );
}
