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
import { errorText } from '../../ui/errors.js';

type Form = 'stripe' | 'smtp' | 'sms' | null;

export function ConnectionsCard() {
  const { main, db } = useDesk();
  const settings = useSettings();
  const actor = useDeskActor();
  const isAdmin = actor.can('admin');
  const [status, setStatus] = useState<ConnectionsStatus | null>(null);
  const [form, setForm] = useState<Form>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(() => { main.invoke('connections.status').then(setStatus, (err: unknown) => setError(errorText(err))); }, [main]);
  useEffect(load, [load]);

  const run = (action: () => Promise<unknown>, done: string) => {
    setError(null);
    setNotice(null);
    action().then(() => { setNotice(done); setForm(null); setValues({}); load(); }, (err: unknown) => setError(errorText(err)));
  };
  const field = (name: string, label: string, type = 'text') => (
    <label key={name}>{label}<input type={type} autoComplete="off" value={values[name] ?? ''} onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))} /></label>
  );
  const save = () => {
    const staffId = actor.actor;
    if (form === 'stripe') return run(() => main.invoke('connections.save', { staffId, kind: 'stripe', secretKey: values.secretKey ?? '', returnUrl: values.returnUrl ?? '' }), 'Stripe key saved.');
    if (form === 'smtp') {
      return run(() => main.invoke('connections.save', {
        staffId, kind: 'smtp', host: values.host ?? '', port: Number(values.port || 587), secure: values.port === '465', user: values.user ?? '', password: values.password ?? '', fromAddress: values.fromAddress ?? '',
      }), 'Email server saved.');
    }
    if (form === 'sms') {
      return run(() => main.invoke('connections.save', { staffId, kind: 'sms', baseUrl: values.baseUrl || 'https://api.twilio.com', accountSid: values.accountSid ?? '', authToken: values.authToken ?? '', from: values.from ?? '' }), 'SMS provider saved.');
    }
    return undefined;
  };

  return (
    <section className="card" aria-labelledby="connections-heading">
      <h2 id="connections-heading">Connections</h2>
      {error && <p className="form-error" role="alert">{error}</p>}
      {notice && <p className="notice" role="status">{notice}</p>}
      {!status ? <p role="status">Loading…</p> : (
        <>
          {status.storageProblem && <p className="form-error">{status.storageProblem}</p>}
          {status.storage === 'file' && <p className="muted">In browser host mode credentials are kept in a file only this computer user can read, not encrypted. Use the desktop app to keep them in the system keychain.</p>}
          <dl className="details">
            <dt>Payment links</dt>
            <dd>{settings.paymentProvider === 'stripe' ? 'Stripe' : 'Sandbox (no real money)'}{status.stripe ? ` · Stripe key stored (${status.stripe.mode} mode)` : ' · no Stripe key'}</dd>
            {status.stripe && <><dt>After paying</dt><dd>{status.stripe.returnUrl || 'No page set — replace the Stripe key to add one'}</dd></>}
            <dt>Email</dt><dd>{status.smtp ? `${status.smtp.host}:${status.smtp.port} as ${status.smtp.fromAddress}` : 'Not set up — emails go to the outbox'}</dd>
            <dt>SMS</dt><dd>{status.sms ? `${status.sms.baseUrl} from ${status.sms.from}` : 'Not set up — SMS go to the outbox'}</dd>
          </dl>
          {/* Main's scheduler leaves the clinic's sending to desks that hold the key (payment-service.ts). */}
          {settings.paymentProvider === 'stripe' && !status.stripe && <p className="muted">This desk has no Stripe key, so it sends no payment links or messages; desks with the key send them.</p>}
          {settings.paymentProvider === 'stripe' && status.stripe && !status.stripe.returnUrl && <p className="form-error">Stripe needs the page clients see after paying. Until it is set (Replace Stripe key), this desk sends no payment links or messages.</p>}
          {isAdmin && !form && (
            <div className="toolbar">
              <button type="button" className="button" onClick={() => setForm('stripe')}>{status.stripe ? 'Replace Stripe key' : 'Add Stripe key'}</button>
              <button type="button" className="button" onClick={() => setForm('smtp')}>{status.smtp ? 'Change email server' : 'Set up email server'}</button>
              <button type="button" className="button" onClick={() => setForm('sms')}>{status.sms ? 'Change SMS provider' : 'Set up SMS provider'}</button>
              {settings.paymentProvider === 'sandbox'
                ? <button type="button" className="button" onClick={() => run(() => setPaymentProvider(db, 'stripe', status.stripe !== null, actor), 'Payment links now go through Stripe.')}>Use Stripe for payment links</button>
                : <button type="button" className="button" onClick={() => run(() => setPaymentProvider(db, 'sandbox', status.stripe !== null, actor), 'Payment links now use the sandbox.')}>Use the sandbox</button>}
              {status.stripe && <button type="button" className="button" onClick={() => run(() => main.invoke('connections.clear', { staffId: actor.actor, kind: 'stripe' }), 'Stripe key removed.')}>Remove Stripe key</button>}
            </div>
          )}
          {form && (
            <form className="inline-form" aria-label={form === 'stripe' ? 'Stripe key' : form === 'smtp' ? 'Email server' : 'SMS provider'} onSubmit={(e) => { e.preventDefault(); save(); }}>
              {form === 'stripe' && [
                field('secretKey', 'Stripe secret key (sk_live_… or sk_test_…)', 'password'),
                field('returnUrl', 'Page clients see after paying (https://, e.g. your website)', 'url'),
              ]}
              {form === 'smtp' && [field('host', 'SMTP server'), field('port', 'Port (587 or 465)'), field('user', 'User name'), field('password', 'Password', 'password'), field('fromAddress', 'Send from address')]}
              {form === 'sms' && [field('baseUrl', 'Provider address (https://api.twilio.com)'), field('accountSid', 'Account SID'), field('authToken', 'Auth token', 'password'), field('from', 'Send from (number or sender name)')]}
              <button type="button" className="button" onClick={() => { setForm(null); setValues({}); }}>Cancel</button>
              <button type="submit" className="button button--primary">Save</button>
            </form>
          )}
        </>
      )}
    </section>
  );
}
