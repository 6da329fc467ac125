/** Settings → Invoice details: read by everyone; admins get an Edit button. */
import { useState, type ReactNode } from 'react';
import { useSettings } from '../../app/desk-context.js';
import { CardHeader } from './CardHeader.js';
import { InvoiceDetailsDialog } from './InvoiceDetailsDialog.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { useT } from '../../app/language.js';

function OrNone({ value }: { value: string | undefined }): ReactNode {
  const { t } = useT();
  return value ? value : <span className="muted">{t('settingsUi.notSet')}</span>;
}

export function InvoiceDetailsCard() {
  const settings = useSettings();
  const { t } = useT();
  const isAdmin = useDeskActor().can('admin');
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);

  return (
    <section className="card" aria-labelledby="invoice-details-heading">
      <CardHeader id="invoice-details-heading" title={t('settingsUi.invoiceDetails.title')} editLabel={isAdmin ? t('settingsUi.invoiceDetails.edit') : null} onEdit={() => { setSaved(false); setEditing(true); }} />
      <dl className="details">
        <dt>{t('settingsUi.invoiceDetails.legalName')}</dt><dd>{settings.clinicName}</dd>
        <dt>{t('settingsUi.invoiceDetails.displayName')}</dt><dd>{settings.displayName}</dd>
        <dt>{t('settingsUi.invoiceDetails.organisationNumber')}</dt><dd><OrNone value={settings.organisationNumber} /></dd>
        <dt>{t('settingsUi.invoiceDetails.address')}</dt><dd><OrNone value={settings.address} /></dd>
        <dt>{t('settingsUi.invoiceDetails.bankAccount')}</dt><dd><OrNone value={settings.bankAccount} /></dd>
        <dt>{t('settingsUi.invoiceDetails.supportEmail')}</dt><dd><OrNone value={settings.supportEmail} /></dd>
        <dt>{t('settingsUi.invoiceDetails.senderName')}</dt><dd><OrNone value={settings.senderName} /></dd>
        <dt>{t('settingsUi.invoiceDetails.senderMode')}</dt><dd>{t(settings.senderMode === 'staff' ? 'settingsUi.invoiceDetails.senderModeStaff' : 'settingsUi.invoiceDetails.senderModeClinic')}</dd>
        <dt>{t('settingsUi.invoiceDetails.currency')}</dt><dd>{settings.currency}</dd>
        <dt>{t('settingsUi.invoiceDetails.timeZone')}</dt><dd>{settings.timeZone}</dd>
      </dl>
      {saved && <p className="muted" role="status">{t('settingsUi.invoiceDetails.saved')}</p>}
      {editing && <InvoiceDetailsDialog onClose={() => setEditing(false)} onSaved={() => { setEditing(false); setSaved(true); }} />}
    </section>
  );
}
