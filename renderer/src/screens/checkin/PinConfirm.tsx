import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { Keypad, PinDots } from '../../components/Keypad.js';

const MIN_DIGITS = 4;
const MAX_DIGITS = 8;

/**
 * The organizer's PIN typed again to confirm an action that changes a record after the fact
 * (check-out, excused absence, ending the session) or to sign in again after the grant lapsed.
 * A dialog over the check-in screen; digits from a remote's number keys work too.
 */
export function PinConfirm({
  prompt,
  onSubmit,
  onCancel,
}: {
  prompt: string;
  /** Resolves when done; a rejection (wrong PIN) is shown and the PIN cleared. */
  onSubmit: (pin: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tooShort, setTooShort] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  const add = (digit: string) => {
    setTooShort(false);
    setPin((p) => (p.length < MAX_DIGITS ? p + digit : p));
  };
  const submit = async () => {
    if (busy) return;
    if (pin.length < MIN_DIGITS) {
      setTooShort(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(pin);
    } catch (caught) {
      setError(caught);
      setPin('');
      setBusy(false);
    }
  };

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[data-testid="key-1"]')?.focus();
  }, []);

  // Capture phase: before the check-in screen's own keys and the app's Backspace-means-Back.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || busy) return;
      if (/^[0-9]$/.test(event.key)) {
        event.preventDefault();
        event.stopPropagation();
        add(event.key);
        ref.current?.querySelector<HTMLElement>('[data-testid="key-confirm"]')?.focus();
      } else if (event.key === 'Backspace' && pin.length > 0) {
        event.preventDefault();
        event.stopPropagation();
        setPin((p) => p.slice(0, -1));
      } else if (
        event.key === 'Escape' ||
        event.key === 'BrowserBack' ||
        event.key === 'GoBack' ||
        event.key === 'Backspace'
      ) {
        event.preventDefault();
        event.stopPropagation();
        onCancel();
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  });

  return (
    <div
      className="checkin-dialog"
      role="dialog"
      aria-modal="true"
      data-testid="pin-confirm"
      ref={ref}
    >
      <div className="checkin-dialog__panel checkin-dialog__panel--pin">
        <div className="checkin-dialog__side">
          <p className="checkin-dialog__prompt" data-testid="pin-confirm-prompt">
            {prompt}
          </p>
          <PinDots count={pin.length} max={MAX_DIGITS} />
          {busy ? <p className="pin-screen__checking">{t('pin.checking')}</p> : null}
          {tooShort ? <p className="notice">{t('pin.tooShort')}</p> : null}
          {error ? <ErrorBanner error={error} /> : null}
          <button type="button" className="button" data-testid="pin-cancel" onClick={onCancel}>
            {t('checkin.cancelMode')}
          </button>
        </div>
        <Keypad
          onDigit={add}
          onDelete={() => setPin((p) => p.slice(0, -1))}
          onConfirm={() => void submit()}
          disabled={busy}
        />
      </div>
    </div>
  );
}
