import '../styles/pin.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../common/contract.js';
import { StationError } from '../../../common/result.js';
import { useStation } from '../api/context.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { Keypad, PinDots } from '../components/Keypad.js';
import { ScreenHeader } from '../components/ScreenHeader.js';

const MIN_DIGITS = 4;
const MAX_DIGITS = 8;

/**
 * Attempts left, to show beside the station's sentence — unless the sentence already says it
 * (the station's own wording usually does), so the screen never repeats itself.
 */
function remainingAttempts(error: unknown): number | null {
  if (!(error instanceof StationError) || error.code !== 'PIN_WRONG') return null;
  const remaining = error.details?.['remaining'];
  if (typeof remaining !== 'number' || error.message.includes(String(remaining))) return null;
  return remaining;
}

export function PinScreen({
  role,
  onUnlocked,
  onBack,
}: {
  role: Role;
  onUnlocked: (grant: string) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const { api } = useStation();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [tooShort, setTooShort] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusals, setRefusals] = useState(0);
  const screenRef = useRef<HTMLDivElement>(null);

  const addDigit = (digit: string) => {
    setTooShort(false);
    setPin((current) => (current.length < MAX_DIGITS ? current + digit : current));
  };
  const deleteDigit = () => setPin((current) => current.slice(0, -1));

  const submit = async () => {
    if (busy) return;
    if (pin.length < MIN_DIGITS) {
      setTooShort(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await api.unlock({ role, pin });
      onUnlocked(result.grant);
    } catch (caught) {
      setError(caught);
      setRefusals((n) => n + 1);
      setPin('');
      setBusy(false);
    }
  };

  // Number keys on a keyboard or remote type digits wherever the focus is. Afterwards the focus
  // sits on Confirm, so the remote's OK submits instead of pressing the key under the ring.
  // Capture phase: this runs before the app-wide Backspace-means-Back handler.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || busy) return;
      if (/^[0-9]$/.test(event.key)) {
        event.preventDefault();
        addDigit(event.key);
        screenRef.current?.querySelector<HTMLElement>('[data-testid="key-confirm"]')?.focus();
      } else if (event.key === 'Backspace' && pin.length > 0) {
        event.preventDefault();
        deleteDigit();
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [busy, pin]);

  const remaining = remainingAttempts(error);
  return (
    <div className="screen pin-screen" data-testid="pin-screen" data-role={role} ref={screenRef}>
      <ScreenHeader
        title={role === 'organizer' ? t('pin.organizerTitle') : t('pin.technicianTitle')}
        onBack={onBack}
      />
      <div className="pin-screen__body">
        <section className="pin-screen__panel">
          <p className="pin-screen__prompt">{t('pin.prompt')}</p>
          <PinDots count={pin.length} max={MAX_DIGITS} />
          <div
            className="pin-screen__feedback"
            aria-live="polite"
            data-testid="pin-feedback"
            data-refusals={refusals}
          >
            {busy ? <p className="pin-screen__checking">{t('pin.checking')}</p> : null}
            {tooShort ? (
              <p className="notice" data-testid="pin-too-short">
                {t('pin.tooShort')}
              </p>
            ) : null}
            {error ? (
              <ErrorBanner error={error}>
                {remaining !== null ? (
                  <p className="error-banner__detail" data-testid="pin-remaining">
                    {t('pin.remaining', { count: remaining })}
                  </p>
                ) : null}
              </ErrorBanner>
            ) : null}
          </div>
        </section>
        <Keypad
          onDigit={addDigit}
          onDelete={deleteDigit}
          onConfirm={() => void submit()}
          disabled={busy}
        />
      </div>
    </div>
  );
}
