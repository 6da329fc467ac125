/**
 * The clinic's settings and where this desk's data lives. Everyone may read them;
 * the cards offer Edit only to admins, and the data layer refuses anyone else.
 */
import { useDesk } from '../../app/desk-context.js';
import { BillingSettingsCard } from './BillingSettingsCard.js';
import { InvoiceDetailsCard } from './InvoiceDetailsCard.js';
import { StaffCard } from './StaffCard.js';
import { MessagesCard } from './MessagesCard.js';
import { ConnectionsCard } from './ConnectionsCard.js';
import { SyncSettings } from './SyncSettings.js';
import './settings.css';

export function SettingsScreen() {
  const { info } = useDesk();
  return (
    <section className="screen" aria-labelledby="settings-title">
      <header className="screen__header"><h1 id="settings-title">Settings</h1></header>
      <div className="cards">
        <BillingSettingsCard />
        <InvoiceDetailsCard />
        <StaffCard />
        <MessagesCard />
        <ConnectionsCard />
        <section className="card" aria-labelledby="desk-heading">
          <h2 id="desk-heading">This desk</h2>
          <dl className="details">
            <dt>Version</dt><dd>{info?.version ?? '…'}</dd>
            <dt>Running as</dt><dd>{info ? (info.host === 'electron' ? 'Desktop app' : 'Browser host mode') : '…'}</dd>
            <dt>Data folder</dt><dd><code>{info?.dataDir ?? '…'}</code></dd>
            <dt>Sync server</dt><dd>{info?.syncServerUrl ?? 'None — this desk works standalone'}</dd>
          </dl>
        </section>
        <SyncSettings />
      </div>
    </section>
  );
}
