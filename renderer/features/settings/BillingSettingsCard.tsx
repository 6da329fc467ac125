/** Settings → Billing: read by everyone; admins get an Edit button. */
import { useState } from 'react';
import { useSettings } from '../../app/desk-context.js';
import { METHOD_LABELS } from '../../../shared/domain/payment-rules.js';
import { formatVatRate } from '../../../shared/domain/vat.js';
import { linkTimingText } from './billing-labels.js';
import { BillingSettingsDialog } from './BillingSettingsDialog.js';
import { CardHeader } from './CardHeader.js';
import { useDeskActor } from '../../app/use-desk-actor.js';

export function BillingSettingsCard() {
  const settings = useSettings();
  const isAdmin = useDeskActor().can('admin');
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const manual = settings.billingProcess === 'manual';

  return (
    <section className="card" aria-labelledby="billing-heading">
      <CardHeader id="billing-heading" title="Billing" editLabel={isAdmin ? 'Edit billing settings' : null} onEdit={() => { setSaved(false); setEditing(true); }} />
      <dl className="details">
        <dt>Billing process</dt><dd>{manual ? 'Manual' : 'Automatic'}</dd>
        {manual && (
          <>
            <dt>Create draft invoice automatically</dt>
            <dd>{settings.manualCreateDraft ? 'Yes' : 'No — bookings are billed outside the app'}</dd>
          </>
        )}
        <dt>Default alternative payment method</dt><dd>{METHOD_LABELS[settings.defaultAltPaymentMethod]}</dd>
        <dt>Send payment link</dt><dd>{linkTimingText(settings)}</dd>
        <dt>Payment terms</dt><dd>{settings.paymentTermsDays} days</dd>
        <dt>VAT rates</dt><dd data-testid="vat-rates">{settings.vatRatesBp.map((r) => formatVatRate(r, settings.locale)).join(', ')}</dd>
      </dl>
      {saved && <p className="muted" role="status">Billing settings saved.</p>}
      {editing && <BillingSettingsDialog onClose={() => setEditing(false)} onSaved={() => { setEditing(false); setSaved(true); }} />}
    </section>
  );
}
