import { useTranslation } from 'react-i18next';

const DIGIT_ROWS = ['123', '456', '789'];

/** On-screen PIN keypad, 3 × 4, laid out like a phone so arrow keys move as the eye expects. */
export function Keypad({
  onDigit,
  onDelete,
  onConfirm,
  disabled,
}: {
  onDigit: (digit: string) => void;
  onDelete: () => void;
  onConfirm: () => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const digitKey = (digit: string, autoFocus = false) => (
    <button
      key={digit}
      type="button"
      className="key"
      data-testid={`key-${digit}`}
      data-autofocus={autoFocus ? '' : undefined}
      aria-disabled={disabled || undefined}
      onClick={() => !disabled && onDigit(digit)}
    >
      {digit}
    </button>
  );
  return (
    <div className="keypad" data-testid="keypad">
      {DIGIT_ROWS.flatMap((row) => [...row].map((digit) => digitKey(digit, digit === '1')))}
      <button
        type="button"
        className="key key--action"
        data-testid="key-delete"
        aria-disabled={disabled || undefined}
        onClick={() => !disabled && onDelete()}
      >
        {t('pin.delete')}
      </button>
      {digitKey('0')}
      <button
        type="button"
        className="key key--confirm"
        data-testid="key-confirm"
        aria-disabled={disabled || undefined}
        onClick={() => !disabled && onConfirm()}
      >
        {t('pin.confirm')}
      </button>
    </div>
  );
}

/** One dot per digit typed, never the digits themselves: the room can see the screen. */
export function PinDots({ count, max }: { count: number; max: number }) {
  const { t } = useTranslation();
  const slots = Math.max(4, Math.min(max, count + (count < max ? 1 : 0)));
  return (
    <div
      className="pin-dots"
      data-testid="pin-dots"
      data-count={count}
      role="status"
      aria-label={t('pin.entered', { count })}
    >
      {Array.from({ length: slots }, (_, i) => (
        <span key={i} className={i < count ? 'pin-dot pin-dot--filled' : 'pin-dot'} />
      ))}
    </div>
  );
}
