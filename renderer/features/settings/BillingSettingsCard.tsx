/** Settings → Billing: read by everyone; admins get an Edit button. */
import { useState } from 'react';
import { useSettings } from '../../app/desk-context.js';
import { METHOD_LABELS } from '../../../shared/domain/payment-rules.js';
import { linkTimingText } from './billing-labels.js';
import { BillingSettingsDialog } from './BillingSettingsDialog.js';
import { CardHeader } from './CardHeader.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { useT } from '../../app/language.js';

export function BillingSettingsCard() {
  const settings = useSettings();
  const translator = useT();
  const { t, rate } = translator;
  const isAdmin = useDeskActor().can('admin');
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const manual = settings.billingProcess === 'manual';

  return (
    <section className="card" aria-labelledby="billing-heading">
      <CardHeader id="billing-heading" title={t('billing.card.title')} editLabel={isAdmin ? t('billing.card.edit') : null} onEdit={() => { setSaved(false); setEditing(true); }} />
      <dl className="details">
        <dt>{t('billing.process.label')}</dt><dd>{t(manual ? 'billing.process.manual' : 'billing.process.automatic')}</dd>
        {manual && (
          <>
            <dt>{t('billing.manualCreateDraft.label')}</dt>
            <dd>{t(settings.manualCreateDraft ? 'common.yes' : 'billing.manualCreateDraft.off')}</dd>
          </>
        )}
        <dt>{t('billing.altMethod.label')}</dt><dd>{t(METHOD_LABELS[settings.defaultAltPaymentMethod])}</dd>
        <dt>{t('billing.linkTiming.label')}</dt><dd>{linkTimingText(translator, settings)}</dd>
        <dt>{t('billing.paymentTerms.label')}</dt><dd>{t('billing.paymentTerms.days', { days: settings.paymentTermsDays })}</dd>
        <dt>{t('billing.vatRates.label')}</dt><dd data-testid="vat-rates">{settings.vatRatesBp.map((r) => rate(r)).join(', ')}</dd>
      </dl>
      {saved && <p className="muted" role="status">{t('billing.card.saved')}</p>}
      {editing && <BillingSettingsDialog onClose={() => setEditing(false)} onSaved={() => { setEditing(false); setSaved(true); }} />}
    </section>
  );
}
