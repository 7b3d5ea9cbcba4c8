import '../styles/organizer.css';
import { useTranslation } from 'react-i18next';
import type { OrganizerOverview } from '../../../common/contract.js';
import { useStation } from '../api/context.js';
import { LockButton, type ProtectedScreenProps } from '../components/LockButton.js';
import { LoadState } from '../components/LoadState.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { ExportPanel } from '../components/ExportPanel.js';
import { useStationQuery } from './useStationQuery.js';

type Member = OrganizerOverview['members'][number];

function MemberTile({ member }: { member: Member }) {
  const { t } = useTranslation();
  return (
    <li className={`member member--${member.role}`} data-testid="member">
      <span className="member__name">{member.name}</span>
      {member.role !== 'member' ? (
        <span className="member__role">{t(`organizer.${member.role}`)}</span>
      ) : null}
    </li>
  );
}

/** The organizer's page: the village and its roster. Check-in and scheduling come later. */
export function OrganizerScreen({ grant, onBack, onLock }: ProtectedScreenProps) {
  const { t } = useTranslation();
  const { api } = useStation();
  const [overview, reload] = useStationQuery(
    () => api.getOrganizerOverview({ grant }),
    `organizer:${grant}`,
  );
  const ready = overview.status === 'ready' ? overview.value : null;

  return (
    <div className="screen organizer-screen" data-testid="organizer-screen">
      <ScreenHeader
        title={ready ? ready.village : t('organizer.title')}
        subtitle={ready ? t('organizer.memberCount', { count: ready.memberCount }) : undefined}
        onBack={onBack}
      >
        <LockButton label={t('organizer.lock')} onLock={onLock} />
      </ScreenHeader>
      <main className="screen-body">
        {overview.status === 'loading' ? <LoadState onRetry={reload} /> : null}
        {overview.status === 'error' ? <LoadState error={overview.error} onRetry={reload} /> : null}
        {ready ? (
          <section className="panel members-panel">
            <h2 className="panel__title">{t('organizer.members')}</h2>
            {ready.members.length === 0 ? (
              <p className="empty-state">{t('organizer.noMembers')}</p>
            ) : (
              // Focusable so the remote can scroll a roster longer than the screen.
              <ul
                className="member-grid"
                data-testid="member-list"
                data-nav-scroll=""
                tabIndex={0}
                aria-label={t('organizer.members')}
              >
                {ready.members.map((member) => (
                  <MemberTile key={member.id} member={member} />
                ))}
              </ul>
            )}
          </section>
        ) : null}
        {ready ? <ExportPanel grant={grant} /> : null}
      </main>
    </div>
  );
}
