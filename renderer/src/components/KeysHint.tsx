import { useTranslation } from 'react-i18next';

export function KeysHint() {
  const { t } = useTranslation();
  return (
    <footer className="keys-hint" aria-hidden="true">
      {t('app.keysHint')}
    </footer>
  );
}
