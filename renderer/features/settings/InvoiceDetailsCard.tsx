/** Settings → Invoice details: read by everyone; admins get an Edit button. */
import { useState, type ReactNode } from 'react';
import { useSettings } from '../../app/desk-context.js';
import { CardHeader } from './CardHeader.js';
import { InvoiceDetailsDialog } from './InvoiceDetailsDialog.js';
import { useDeskActor } from '../../app/use-desk-actor.js';

const orNone = (text: string | undefined): ReactNode => (text ? text : <span className="muted">Not set</span>);

export function InvoiceDetailsCard() {
  const settings = useSettings();
  const isAdmin = useDeskActor().can('admin');
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);

  return (
    <section className="card" aria-labelledby="invoice-details-heading">
      <CardHeader id="invoice-details-heading" title="Invoice details" editLabel={isAdmin ? 'Edit invoice details' : null} onEdit={() => { setSaved(false); setEditing(true); }} />
      <dl className="details">
        <dt>Legal name</dt><dd>{settings.clinicName}</dd>
        <dt>Display name</dt><dd>{settings.displayName}</dd>
        <dt>Organisation number</dt><dd>{orNone(settings.organisationNumber)}</dd>
        <dt>Address</dt><dd>{orNone(settings.address)}</dd>
        <dt>Bank account</dt><dd>{orNone(settings.bankAccount)}</dd>
        <dt>Support email</dt><dd>{orNone(settings.supportEmail)}</dd>
        <dt>Sender name</dt><dd>{orNone(settings.senderName)}</dd>
        <dt>Currency</dt><dd>{settings.currency}</dd>
        <dt>Time zone</dt><dd>{settings.timeZone}</dd>
      </dl>
      {saved && <p className="muted" role="status">Invoice details saved.</p>}
      {editing && <InvoiceDetailsDialog onClose={() => setEditing(false)} onSaved={() => { setEditing(false); setSaved(true); }} />}
    </section>
  );
}
