import '../styles/technician.css';
import { useTranslation } from 'react-i18next';
import type { TechnicianStatus } from '../../../common/contract.js';
import { useStation } from '../api/context.js';
import { LockButton, type ProtectedScreenProps } from '../components/LockButton.js';
import { LoadState } from '../components/LoadState.js';
import { ContentSyncPanel } from '../components/ContentSyncPanel.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { formatBytes, formatUptime } from '../i18n/format.js';
import { useStationQuery } from './useStationQuery.js';
import type { TFunction } from 'i18next';

function statusRows(
  t: TFunction,
  s: TechnicianStatus,
): [key: string, label: string, value: string, bad?: boolean][] {
  const intact = s.integrity === 'ok';
  return [
    ['appVersion', t('technician.appVersion'), s.appVersion],
    ['schemaVersion', t('technician.schemaVersion'), String(s.schemaVersion)],
    [
      'integrity',
      t('technician.integrity'),
      intact ? t('technician.integrityOk') : t('technician.integrityBad', { detail: s.integrity }),
      !intact,
    ],
    ['terminalId', t('technician.terminalId'), s.terminalId],
    ['dataDir', t('technician.dataDir'), s.dataDir],
    ['databaseSize', t('technician.databaseSize'), formatBytes(t, s.databaseBytes)],
    ['nodeVersion', t('technician.nodeVersion'), s.nodeVersion],
    ['platform', t('technician.platform'), s.platform],
    ['uptime', t('technician.uptime'), formatUptime(t, s.uptimeSeconds)],
    ['members', t('technician.members'), t('technician.countValue', { count: s.memberCount })],
    ['courses', t('technician.courses'), t('technician.countValue', { count: s.courseCount })],
  ];
}

/** The technician's console: what a person on the phone to the county needs to read out. */
export function TechnicianScreen({ grant, onBack, onLock }: ProtectedScreenProps) {
  const { t } = useTranslation();
  const { api } = useStation();
  const [status, reload] = useStationQuery(
    () => api.getTechnicianStatus({ grant }),
    `technician:${grant}`,
  );

  return (
    <div className="screen technician-screen" data-testid="technician-screen">
      <ScreenHeader title={t('technician.title')} onBack={onBack}>
        <LockButton label={t('technician.lock')} onLock={onLock} />
      </ScreenHeader>
      <main className="screen-body">
        {status.status === 'loading' ? <LoadState onRetry={reload} /> : null}
        {status.status === 'error' ? <LoadState error={status.error} onRetry={reload} /> : null}
        {status.status === 'ready' ? (
          <table className="status-table panel" data-testid="technician-status">
            <tbody>
              {statusRows(t, status.value).map(([key, label, value, bad]) => (
                <tr key={key} data-testid={`tech-${key}`} className={bad ? 'is-bad' : undefined}>
                  <th scope="row">{label}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {status.status === 'ready' ? <ContentSyncPanel grant={grant} /> : null}
      </main>
    </div>
  );
}
