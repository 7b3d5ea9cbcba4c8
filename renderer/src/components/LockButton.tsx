import { LockIcon } from './Icons.js';

/** What every page behind a PIN gets: the grant that opened it, and the ways out. */
export interface ProtectedScreenProps {
  grant: string;
  onBack: () => void;
  onLock: () => void;
}

/**
 * Signs the organizer or technician out. It takes the focus when a protected page opens, so the
 * remote's OK locks the kiosk again at once when someone walks away.
 */
export function LockButton({ label, onLock }: { label: string; onLock: () => void }) {
  return (
    <button
      type="button"
      className="button button--lock"
      data-testid="lock"
      data-autofocus=""
      onClick={onLock}
    >
      <LockIcon />
      <span>{label}</span>
    </button>
  );
}
