/**
 * The clinic's settings and where this desk's data lives. Everyone may read them;
 * the cards offer Edit only to admins, and the data layer refuses anyone else.
 */
import { useDesk } from '../../app/desk-context.js';
import { ActivationCard } from './ActivationCard.js';
import { BillingSettingsCard } from './BillingSettingsCard.js';
import { InvoiceDetailsCard } from './InvoiceDetailsCard.js';
import { StaffCard } from './StaffCard.js';
import { MessagesCard } from './MessagesCard.js';
import { ConnectionsCard } from './ConnectionsCard.js';
import { SyncSettings } from './SyncSettings.js';
import { useT } from '../../app/language.js';
import './settings.css';

/** Shown while the desk service has not said yet. */
const NOT_YET = '…';

export function SettingsScreen() {
  const { info } = useDesk();
  const { t } = useT();
  return (
    <section className="screen" aria-labelledby="settings-title">
      <header className="screen__header"><h1 id="settings-title">{t('settingsUi.title')}</h1></header>
      <div className="cards">
        <ActivationCard />
        <BillingSettingsCard />
        <InvoiceDetailsCard />
        <StaffCard />
        <MessagesCard />
        <ConnectionsCard />
        <section className="card" aria-labelledby="desk-heading">
          <h2 id="desk-heading">{t('settingsUi.desk.title')}</h2>
          <dl className="details">
            <dt>{t('settingsUi.desk.version')}</dt><dd>{info?.version ?? NOT_YET}</dd>
            <dt>{t('settingsUi.desk.runningAs')}</dt><dd>{info ? t('settingsUi.desk.runningAsValue', { host: info.host }) : NOT_YET}</dd>
            <dt>{t('settingsUi.desk.dataFolder')}</dt><dd><code>{info?.dataDir ?? NOT_YET}</code></dd>
            <dt>{t('settingsUi.desk.syncServer')}</dt><dd>{info?.syncServerUrl ?? t('settingsUi.desk.standalone')}</dd>
          </dl>
        </section>
        <SyncSettings />
      </div>
    </section>
  );
}
