/** The desk's settings (read-only in this release) and where its data lives. */
import { useDesk, useSettings } from '../../app/desk-context.js';
import { BILLING_LABELS, clinicDefaultBilling } from '../../../shared/domain/billing.js';
import { formatVatRate } from '../../../shared/domain/vat.js';
import { SyncSettings } from './SyncSettings.js';

export function SettingsScreen() {
  const settings = useSettings();
  const { info } = useDesk();
  return (
    <section className="screen" aria-labelledby="settings-title">
      <header className="screen__header"><h1 id="settings-title">Settings</h1></header>
      <div className="cards">
        <section className="card" aria-labelledby="clinic-heading">
          <h2 id="clinic-heading">Clinic</h2>
          <dl className="details">
            <dt>Name</dt><dd>{settings.clinicName}</dd>
            <dt>Currency</dt><dd>{settings.currency}</dd>
            <dt>Time zone</dt><dd>{settings.timeZone}</dd>
            <dt>Billing process</dt><dd>{BILLING_LABELS[clinicDefaultBilling(settings)]}</dd>
            <dt>Payment terms</dt><dd>{settings.paymentTermsDays} days</dd>
            <dt>VAT rates</dt><dd>{settings.vatRatesBp.map((r) => formatVatRate(r, settings.locale)).join(', ')}</dd>
          </dl>
        </section>
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
