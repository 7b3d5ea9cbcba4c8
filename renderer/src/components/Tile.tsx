import type { ReactNode } from 'react';

interface TileProps {
  icon: ReactNode;
  label: string;
  hint: string;
  onActivate: () => void;
  testId: string;
  autoFocus?: boolean;
  accent?: boolean;
  busy?: boolean;
}

/** A large action tile, sized to be read and aimed at from across the room. */
export function Tile({
  icon,
  label,
  hint,
  onActivate,
  testId,
  autoFocus,
  accent,
  busy,
}: TileProps) {
  return (
    <button
      type="button"
      className={accent ? 'tile tile--accent' : 'tile'}
      data-testid={testId}
      data-autofocus={autoFocus ? '' : undefined}
      aria-busy={busy || undefined}
      onClick={onActivate}
    >
      <span className="tile__icon">{icon}</span>
      <span className="tile__label">{label}</span>
      <span className="tile__hint">{hint}</span>
    </button>
  );
}
