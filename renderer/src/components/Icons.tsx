/** Simple line icons drawn inline: no icon font, nothing fetched. Decorative only. */
/** The stroke style every line icon shares (PlayerIcons.tsx draws with it too). */
export const ICON_PROPS = {
  viewBox: '0 0 48 48',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 3.5,
  strokeLinecap: 'round' as const,
  strokeLinejoin: 'round' as const,
  'aria-hidden': true,
  className: 'icon',
};
const common = ICON_PROPS;

export function OrganizerIcon() {
  return (
    <svg {...common}>
      <circle cx="18" cy="15" r="6" />
      <path d="M5 40c0-7.5 5.8-13 13-13s13 5.5 13 13" />
      <circle cx="33" cy="13" r="5" />
      <path d="M33 24c5.8 0 10 4.5 10 11" />
    </svg>
  );
}

export function TechnicianIcon() {
  return (
    <svg {...common}>
      <rect x="5" y="8" width="38" height="24" rx="3" />
      <path d="M17 40h14M24 32v8" />
      <path d="M13 22l5-5 4 4 7-8" />
    </svg>
  );
}

export function LanguageIcon() {
  return (
    <svg {...common}>
      <circle cx="24" cy="24" r="18" />
      <path d="M6 24h36M24 6c6 6 6 30 0 36M24 6c-6 6-6 30 0 36" />
    </svg>
  );
}

export function BackIcon() {
  return (
    <svg {...common}>
      <path d="M30 10L16 24l14 14" />
    </svg>
  );
}

export function LockIcon() {
  return (
    <svg {...common}>
      <rect x="10" y="22" width="28" height="20" rx="3" />
      <path d="M16 22v-6a8 8 0 0 1 16 0v6" />
    </svg>
  );
}

export function CalendarIcon() {
  return (
    <svg {...common}>
      <rect x="6" y="10" width="36" height="32" rx="3" />
      <path d="M6 19h36M15 6v8M33 6v8" />
    </svg>
  );
}

export function CheckinIcon() {
  return (
    <svg {...common}>
      <circle cx="24" cy="24" r="18" />
      <path d="M15 24.5l6.5 6.5L34 18" />
    </svg>
  );
}

export function ScheduleIcon() {
  return (
    <svg {...common}>
      <rect x="6" y="10" width="36" height="32" rx="3" />
      <path d="M6 19h36M15 6v8M33 6v8M14 27h6M28 27h6M14 35h6" />
    </svg>
  );
}
