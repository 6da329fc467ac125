/**
 * Where payment links and messages go: Stripe (or the sandbox), an SMTP server for email
 * and an SMS provider. Credentials are typed here once and go straight to main, which
 * keeps them encrypted and never gives them back — this card only learns what is set.
 * Admins only; main checks that again.
 */
import { useCallback, useEffect, useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import type { ConnectionsStatus } from '../../../shared/contract/index.js';
import { setPaymentProvider } from '../../../shared/db/payment-settings-commands.js';
import { useT } from '../../app/language.js';
import { textOfError } from '../../../shared/i18n/error-text.js';
import type { MessageId, Text } from '../../../shared/i18n/text.js';

type Form = 'stripe' | 'smtp' | 'sms' | null;

const FORM_NAMES: Readonly<Record<NonNullable<Form>, MessageId>> = { stripe: 'connections.form.stripe', smtp: 'connections.form.smtp', sms: 'connections.form.sms' };

export function ConnectionsCard() {
  const { main, db } = useDesk();
  const settings = useSettings();
  const actor = useDeskActor();
  const isAdmin = actor.can('admin');
  const { t } = useT();
  const [status, setStatus] = useState<ConnectionsStatus | null>(null);
  const [form, setForm] = useState<Form>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<Text | null>(null);
  const [notice, setNotice] = useState<MessageId | null>(null);
  const load = useCallback(() => { main.invoke('connections.status').then(setStatus, (err: unknown) => setError(textOfError(err))); }, [main]);
  useEffect(load, [load]);

  const run = (action: () => Promise<unknown>, done: MessageId) => {
    setError(null);
    setNotice(null);
    action().then(() => { setNotice(done); setForm(null); setValues({}); load(); }, (err: unknown) => setError(textOfError(err)));
  };
  const field = (name: string, label: MessageId, type = 'text') => (
    <label key={name}>{t(label)}<input type={type} autoComplete="off" value={values[name] ?? ''} onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))} /></label>
  );
  const save = () => {
    const staffId = actor.actor;
    if (form === 'stripe') return run(() => main.invoke('connections.save', { staffId, kind: 'stripe', secretKey: values.secretKey ?? '', returnUrl: values.returnUrl ?? '' }), 'connections.saved.stripe');
    if (form === 'smtp') {
      return run(() => main.invoke('connections.save', {
        staffId, kind: 'smtp', host: values.host ?? '', port: Number(values.port || 587), secure: values.port === '465', user: values.user ?? '', password: values.password ?? '', fromAddress: values.fromAddress ?? '',
      }), 'connections.saved.smtp');
    }
    if (form === 'sms') {
      return run(() => main.invoke('connections.save', { staffId, kind: 'sms', baseUrl: values.baseUrl || 'https://api.twilio.com', accountSid: values.accountSid ?? '', authToken: values.authToken ?? '', from: values.from ?? '' }), 'connections.saved.sms');
    }
    return undefined;
  };

  return (
    <section className="card" aria-labelledby="connections-heading">
      <h2 id="connections-heading">{t('connections.title')}</h2>
      {error && <p className="form-error" role="alert">{t(error)}</p>}
      {notice && <p className="notice" role="status">{t(notice)}</p>}
      {!status ? <p role="status">{t('common.loading')}</p> : (
        <>
          {status.storageProblem && <p className="form-error">{t(status.storageProblem)}</p>}
          {status.storage === 'file' && <p className="muted">{t('connections.storage.file')}</p>}
          <dl className="details">
            <dt>{t('connections.paymentLinks')}</dt>
            <dd>{t('connections.paymentLinksValue', { provider: settings.paymentProvider, key: status.stripe?.mode ?? 'none' })}</dd>
            {status.stripe && <><dt>{t('connections.afterPaying')}</dt><dd>{status.stripe.returnUrl || t('connections.afterPayingNone')}</dd></>}
            <dt>{t('connections.email')}</dt><dd>{status.smtp ? t('connections.emailValue', { host: status.smtp.host, port: String(status.smtp.port), from: status.smtp.fromAddress }) : t('connections.emailNone')}</dd>
            <dt>{t('connections.sms')}</dt><dd>{status.sms ? t('connections.smsValue', { address: status.sms.baseUrl, from: status.sms.from }) : t('connections.smsNone')}</dd>
          </dl>
          {/* Main's scheduler leaves the clinic's sending to desks that hold the key (payment-service.ts). */}
          {settings.paymentProvider === 'stripe' && !status.stripe && <p className="muted">{t('connections.stripe.noKeyHere')}</p>}
          {settings.paymentProvider === 'stripe' && status.stripe && !status.stripe.returnUrl && <p className="form-error">{t('connections.stripe.needsReturnUrl')}</p>}
          {isAdmin && !form && (
            <div className="toolbar">
              <button type="button" className="button" onClick={() => setForm('stripe')}>{t(status.stripe ? 'connections.stripe.replace' : 'connections.stripe.add')}</button>
              <button type="button" className="button" onClick={() => setForm('smtp')}>{t(status.smtp ? 'connections.smtp.change' : 'connections.smtp.setUp')}</button>
              <button type="button" className="button" onClick={() => setForm('sms')}>{t(status.sms ? 'connections.sms.change' : 'connections.sms.setUp')}</button>
              {settings.paymentProvider === 'sandbox'
                ? <button type="button" className="button" onClick={() => run(() => setPaymentProvider(db, 'stripe', status.stripe !== null, actor), 'connections.saved.nowStripe')}>{t('connections.useStripe')}</button>
                : <button type="button" className="button" onClick={() => run(() => setPaymentProvider(db, 'sandbox', status.stripe !== null, actor), 'connections.saved.nowSandbox')}>{t('connections.useSandbox')}</button>}
              {status.stripe && <button type="button" className="button" onClick={() => run(() => main.invoke('connections.clear', { staffId: actor.actor, kind: 'stripe' }), 'connections.saved.stripeRemoved')}>{t('connections.stripe.remove')}</button>}
            </div>
          )}
          {form && (
            <form className="inline-form" aria-label={t(FORM_NAMES[form])} onSubmit={(e) => { e.preventDefault(); save(); }}>
              {form === 'stripe' && [
                field('secretKey', 'connections.field.secretKey', 'password'),
                field('returnUrl', 'connections.field.returnUrl', 'url'),
              ]}
              {form === 'smtp' && [field('host', 'connections.field.host'), field('port', 'connections.field.port'), field('user', 'connections.field.user'), field('password', 'connections.field.password', 'password'), field('fromAddress', 'connections.field.fromAddress')]}
              {form === 'sms' && [field('baseUrl', 'connections.field.baseUrl'), field('accountSid', 'connections.field.accountSid'), field('authToken', 'connections.field.authToken', 'password'), field('from', 'connections.field.from')]}
              <button type="button" className="button" onClick={() => { setForm(null); setValues({}); }}>{t('common.cancel')}</button>
              <button type="submit" className="button button--primary">{t('common.save')}</button>
            </form>
          )}
        </>
      )}
    </section>
  );
}
