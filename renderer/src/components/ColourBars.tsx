import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

// SMPTE-style bars, then a greyscale ramp: a wrong cable, a missing colour channel or a crushed
// black level shows at a glance.
const BARS = ['#c0c0c0', '#c0c000', '#00c0c0', '#00c000', '#c000c0', '#c00000', '#0000c0'];
const STEPS = [
  '#000000',
  '#202020',
  '#404040',
  '#606060',
  '#808080',
  '#a0a0a0',
  '#c0c0c0',
  '#ffffff',
];

/** Full-screen colour bars. Any key (OK, Back, an arrow) or a click closes them. */
export function ColourBars({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Back must close the bars, not leave the console underneath.
      event.preventDefault();
      event.stopPropagation();
      onClose();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [onClose]);
  return (
    <div className="colour-bars" data-testid="colour-bars" role="dialog" onClick={onClose}>
      <div className="colour-bars__bars">
        {BARS.map((c) => (
          <span key={c} style={{ background: c }} />
        ))}
      </div>
      <div className="colour-bars__steps">
        {STEPS.map((c) => (
          <span key={c} style={{ background: c }} />
        ))}
      </div>
      <p className="colour-bars__hint">{t('health.colourBarsHint')}</p>
    </div>
  );
}
