/** Line icons of the player's tiles, drawn like Icons.tsx. Decorative only. */
import { ICON_PROPS as common } from './Icons.js';

export function PlayIcon() {
  return (
    <svg {...common}>
      <rect x="5" y="8" width="38" height="28" rx="3" />
      <path d="M20 15l10 7-10 7z" />
      <path d="M16 42h16" />
    </svg>
  );
}

export function MakeupIcon() {
  return (
    <svg {...common}>
      <circle cx="17" cy="14" r="6" />
      <path d="M5 40c0-7.5 5.4-13 12-13 3 0 5.6 1 7.6 2.8" />
      <circle cx="35" cy="33" r="9" />
      <path d="M35 28v5l3 2" />
    </svg>
  );
}
