import { useTranslation } from 'react-i18next';
import { ErrorBanner } from './ErrorBanner.js';

/** What a screen shows while its data loads or after loading failed (with a way to retry). */
export function LoadState({ error, onRetry }: { error?: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  if (error === undefined) {
    return (
      <p className="loading" data-testid="loading">
        {t('common.loading')}
      </p>
    );
  }
  return (
    <div className="load-error">
      <ErrorBanner error={error} />
      <button type="button" className="button" data-autofocus="" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}
