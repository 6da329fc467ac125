/**
 * Settings → Payments: "Activate payments" (shared/domain/activation.ts). A new clinic starts
 * with payments off — every booking is billed outside the app — until an admin chooses a billing
 * process (Automatic, as the guide recommends) and a payment provider (the sandbox counts, for
 * trying out) and activates. The card says what happens to the bookings already made. Once
 * activated it only says since when. Admins only; the data layer checks that again.
 */
import { useEffect, useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { activatePayments } from '../../../shared/db/payment-settings-commands.js';
import { paymentsActive } from '../../../shared/domain/activation.js';
import { textOfError } from '../../../shared/i18n/error-text.js';
import type { Text } from '../../../shared/i18n/text.js';
import { useT } from '../../app/language.js';
import { useCommand } from '../../app/use-command.js';
import { ChoiceGroup, type Choice } from './controls.js';

type Process = 'automatic' | 'manual';
type Provider = 'sandbox' | 'stripe';

export function ActivationCard() {
  const { db, main } = useDesk();
  const settings = useSettings();
  const actor = useDeskActor();
  const { t, dateTime } = useT();
  const isAdmin = actor.can('admin');
  const [process, setProcess] = useState<Process>('automatic');
  const [provider, setProvider] = useState<Provider>(settings.paymentProvider);
  const [stripeKeyStored, setStripeKeyStored] = useState(false);
  // One operation: a double click or a retry activates once and logs once.
  const { busy, run } = useCommand();
  const [error, setError] = useState<Text | null>(null);
  const active = paymentsActive(settings);
  useEffect(() => {
    if (active || !isAdmin) return;
    main.invoke('connections.status').then((s) => setStripeKeyStored(s.stripe !== null), () => setStripeKeyStored(false));
  }, [main, active, isAdmin]);

  if (active) {
    return (
      <section className="card" aria-labelledby="activation-heading">
        <h2 id="activation-heading">{t('activationUi.title')}</h2>
        <p data-testid="payments-active">{t('activationUi.activeSince', { since: dateTime(settings.invoicingActivatedAt) })}</p>
      </section>
    );
  }
  const processes: Choice<Process>[] = [
    { value: 'automatic', label: t('activationUi.automatic'), help: t('activationUi.automaticHelp') },
    { value: 'manual', label: t('activationUi.manual'), help: t('activationUi.manualHelp') },
  ];
  const providers: Choice<Provider>[] = [
    { value: 'sandbox', label: t('activationUi.sandbox'), help: t('activationUi.sandboxHelp') },
    { value: 'stripe', label: t('activationUi.stripe'), help: t(stripeKeyStored ? 'activationUi.stripeHelp' : 'activationUi.stripeNoKey') },
  ];
  const activate = () => {
    setError(null);
    run((operation) => activatePayments(db, { billingProcess: process, provider }, stripeKeyStored, { ...actor, operation }))
      .catch((err: unknown) => setError(textOfError(err)));
  };

  return (
    <section className="card card--attention" aria-labelledby="activation-heading">
      <h2 id="activation-heading">{t('activationUi.title')}</h2>
      <p>{t('activationUi.off')}</p>
      <p>{t('activationUi.existing')}</p>
      {!isAdmin && <p className="muted">{t('activationUi.adminOnly')}</p>}
      {isAdmin && (
        <form aria-label={t('activationUi.formLabel')} onSubmit={(e) => { e.preventDefault(); activate(); }}>
          <ChoiceGroup legend={t('activationUi.process')} name="activation-process" choices={processes} selected={[process]} onChange={([p]) => p && setProcess(p)} />
          <ChoiceGroup legend={t('activationUi.provider')} name="activation-provider" choices={providers} selected={[provider]} onChange={([p]) => p && setProvider(p)} />
          {error && <p className="form-error" role="alert">{t(error)}</p>}
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>{t(busy ? 'activationUi.activating' : 'activationUi.activate')}</button>
        </form>
      )}
    </section>
  );
}
