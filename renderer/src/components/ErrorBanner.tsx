import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { StationError } from '../../../common/result.js';
import { TransportError } from '../api/errors.js';

/** The sentence to show for an error: the station's own words when it sent any. */
export function errorSentence(t: TFunction, error: unknown): string {
  if (error instanceof StationError) return error.message;
  if (error instanceof TransportError) return t('errors.unreachable');
  const detail = error instanceof Error ? error.message : String(error);
  return t('errors.unexpected', { detail });
}

export function ErrorBanner({ error, children }: { error: unknown; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <span className="error-banner__icon" aria-hidden="true">
        !
      </span>
      <div>
        <p className="error-banner__message">{errorSentence(t, error)}</p>
        {children}
      </div>
    </div>
  );
}
