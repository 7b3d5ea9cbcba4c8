import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BackIcon } from './Icons.js';

/** Title bar of an inner screen, with an on-screen Back for air-mouse users. */
export function ScreenHeader({
  title,
  subtitle,
  onBack,
  children,
}: {
  title: string;
  subtitle?: string;
  onBack: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <header className="screen-header">
      <button type="button" className="button button--back" data-testid="back" onClick={onBack}>
        <BackIcon />
        <span>{t('common.back')}</span>
      </button>
      <div className="screen-header__titles">
        <h1 className="screen-header__title">{title}</h1>
        {subtitle ? <p className="screen-header__subtitle">{subtitle}</p> : null}
      </div>
      <div className="screen-header__actions">{children}</div>
    </header>
  );
}
