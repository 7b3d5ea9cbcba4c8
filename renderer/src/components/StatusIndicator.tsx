import { useTranslation } from 'react-i18next';
import type { Grade } from '../../../common/contract.js';

// A shape beside the colour, so the state reads without telling red from green.
const GLYPH: Record<Grade, string> = { ok: '✓', warn: '!', fail: '✕', unknown: '?' };

export function StatusIndicator({
  label,
  grade,
  testId,
}: {
  label: string;
  grade: Grade;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className={`status status--${grade}`} data-testid={testId} data-grade={grade}>
      <span className="status__dot" aria-hidden="true">
        {GLYPH[grade]}
      </span>
      <span className="status__label">{label}</span>
      <span className="status__grade">{t(`grade.${grade}`)}</span>
    </div>
  );
}
