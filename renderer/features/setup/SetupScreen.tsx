/** First run: the clinic, one practitioner and one service, in one short form. */
import { useState } from 'react';
import { useDesk } from '../../app/desk-context.js';
import { announceSignIn } from '../../app/session.js';
import { CURRENCIES } from '../../../shared/domain/money.js';
import { RefusedError } from '../../../shared/domain/result.js';
import { checkSetup } from '../../../shared/domain/setup.js';
import { newSecretProblem, STRONG_PASSWORD_MIN_LENGTH } from '../../../shared/domain/staff-secret.js';
import { checkServerAddress } from '../../../shared/domain/server-address.js';
import { writeSetup } from '../../../shared/db/setup-commands.js';
import type { CreateClinicTarget } from '../../../shared/contract/index.js';
import { JoinClinicForm } from './JoinClinicForm.js';
import { Field } from '../../ui/Field.js';
import { useForm } from '../../ui/use-form.js';
import { deskClock } from '../../app/desk-clock.js';

const CURRENCY_NAMES: Record<string, string> = {
  NOK: 'NOK — Norwegian krone', GBP: 'GBP — British pound', EUR: 'EUR — Euro',
  USD: 'USD — US dollar', SEK: 'SEK — Swedish krona', DKK: 'DKK — Danish krone',
};

function timeZones(): string[] {
  const zones = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return zones.length > 0 ? zones : ['Europe/Oslo', 'Europe/London', 'Europe/Stockholm', 'Europe/Copenhagen', 'Europe/Berlin', 'America/New_York'];
}

type SyncChoice = 'standalone' | 'embedded' | 'remote';

export function SetupScreen() {
  const [mode, setMode] = useState<'new' | 'join'>('new');
  return (
    <main className="setup" id="main">
      <div className="setup__card">
        <h1 id="setup-title">{mode === 'new' ? 'Set up your clinic' : 'Join your clinic'}</h1>
        <div className="setup__tabs" role="tablist" aria-label="How to start">
          <button type="button" role="tab" className="tabs__tab button-reset" aria-selected={mode === 'new'} onClick={() => setMode('new')}>This is the clinic's first desk</button>
          <button type="button" role="tab" className="tabs__tab button-reset" aria-selected={mode === 'join'} onClick={() => setMode('join')}>Join a clinic that already uses the app</button>
        </div>
        <div role="tabpanel" aria-labelledby="setup-title">
          {mode === 'new' ? <NewClinicForm /> : <JoinClinicForm />}
        </div>
      </div>
    </main>
  );
}

function NewClinicForm() {
  const { db, main, info } = useDesk();
  const form = useForm({
    clinicName: '',
    currency: 'NOK',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Oslo',
    practitionerName: '',
    serviceName: '',
    duration: '45',
    price: '',
    vatRate: '0',
    sync: 'standalone' as SyncChoice,
    serverUrl: '',
    adminSecret: '',
    password: '',
    passwordRepeat: '',
  });
  const zones = timeZones();

  async function setUp(v: typeof form.values): Promise<void> {
    const now = deskClock().toISOString();
    if (!info) throw new RefusedError({ ok: false, message: 'The desk service has not started yet. Wait a moment and try again.' });
    const checked = checkSetup({
      clinicName: v.clinicName, currency: v.currency, timeZone: v.timeZone, practitionerName: v.practitionerName,
      service: { name: v.serviceName, durationMinutes: v.duration, price: v.price, vatRate: v.vatRate },
    }, now, info.deskId);
    if (!checked.ok) throw new RefusedError(checked);
    // The first admin's password, checked before anything is written (docs/decisions/0023-staff-sign-in.md).
    const password = newSecretProblem(checked.value.practitioner.roles, 'password', v.password);
    if (!password.ok) throw new RefusedError({ ...password, field: 'password' });
    if (v.passwordRepeat !== v.password) throw new RefusedError({ ok: false, message: 'The two passwords are not the same. Type it again.', field: 'passwordRepeat' });
    if (v.sync !== 'standalone') {
      const address = v.sync === 'remote' ? checkServerAddress(v.serverUrl) : null;
      if (address && !address.ok) throw new RefusedError(address);
      const target: CreateClinicTarget = address?.ok ? { kind: 'remote', serverUrl: address.value, adminSecret: v.adminSecret.trim() } : { kind: 'embedded' };
      // The clinic exists on the server before anything is written here: a refusal leaves the desk untouched.
      await main.invoke('sync.createClinic', {
        clinicName: checked.value.settings.clinicName,
        admin: { ...checked.value.practitioner, _deleted: false },
        deviceName: 'Front desk 1',
        target,
      });
    }
    await writeSetup(db, checked.value, now);
    // Main hashes and stores the password, and signs the admin in. Should this fail, the
    // sign-in screen asks them to choose one: nothing of the setup is lost.
    await main.invoke('staff.chooseSecret', { staffId: checked.value.practitioner.id, kind: 'password', secret: password.value })
      .then(announceSignIn, (err: unknown) => console.warn('the first admin chooses a password at sign-in:', err instanceof Error ? err.message : String(err)));
    // The page's connect-src allows the new sync server only after a reload.
    if (v.sync !== 'standalone') location.reload();
  }

  return (
      <form
        aria-label="Set up your clinic"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit(setUp);
        }}
      >
        <p className="muted">A few details to get the desk going. You can change them later in Settings.</p>
        <fieldset>
          <legend>Clinic</legend>
          <Field label="Clinic name" error={form.fieldError('clinicName')}>
            <input {...form.bind('clinicName')} autoComplete="organization" autoFocus />
          </Field>
          <div className="field-row">
            <Field label="Currency" error={form.fieldError('currency')}>
              <select {...form.bind('currency')}>
                {CURRENCIES.map((c) => <option key={c} value={c}>{CURRENCY_NAMES[c]}</option>)}
              </select>
            </Field>
            <Field label="Time zone" error={form.fieldError('timeZone')}>
              <select {...form.bind('timeZone')}>
                {zones.map((z) => <option key={z} value={z}>{z.replace(/_/g, ' ')}</option>)}
              </select>
            </Field>
          </div>
        </fieldset>
        <fieldset>
          <legend>First practitioner</legend>
          <Field label="Practitioner's name" error={form.fieldError('practitionerName')}>
            <input {...form.bind('practitionerName')} autoComplete="name" />
          </Field>
          <p className="muted">They are the clinic's first admin, and sign in with this password.</p>
          <Field label="Password" error={form.fieldError('password')} hint={`At least ${STRONG_PASSWORD_MIN_LENGTH} characters.`}>
            <input {...form.bind('password')} type="password" autoComplete="new-password" />
          </Field>
          <Field label="The password again" error={form.fieldError('passwordRepeat')}>
            <input {...form.bind('passwordRepeat')} type="password" autoComplete="new-password" />
          </Field>
        </fieldset>
        <fieldset>
          <legend>First service</legend>
          <Field label="Service name" error={form.fieldError('serviceName')} hint="For example: Consultation">
            <input {...form.bind('serviceName')} />
          </Field>
          <div className="field-row">
            <Field label="Duration (minutes)" error={form.fieldError('duration')}>
              <input {...form.bind('duration')} inputMode="numeric" />
            </Field>
            <Field label={`Price incl. VAT (${form.values.currency})`} error={form.fieldError('price')}>
              <input {...form.bind('price')} inputMode="decimal" placeholder="0.00" />
            </Field>
            <Field label="VAT rate (%)" error={form.fieldError('vatRate')}>
              <input {...form.bind('vatRate')} inputMode="decimal" />
            </Field>
          </div>
        </fieldset>
        <fieldset>
          <legend>Other desks</legend>
          <div className="radio-list mode-choice">
            <label className="radio">
              <input type="radio" name="sync" value="standalone" checked={form.values.sync === 'standalone'} onChange={() => form.setValues((x) => ({ ...x, sync: 'standalone' }))} />
              <span>Only this desk<span className="radio__help">Works alone; no sync server. You can connect one later in Settings.</span></span>
            </label>
            <label className="radio">
              <input type="radio" name="sync" value="embedded" checked={form.values.sync === 'embedded'} onChange={() => form.setValues((x) => ({ ...x, sync: 'embedded' }))} />
              <span>Host the clinic's sync server on this desk<span className="radio__help">Other desks join with a code; each keeps working offline and catches up later.</span></span>
            </label>
            <label className="radio">
              <input type="radio" name="sync" value="remote" checked={form.values.sync === 'remote'} onChange={() => form.setValues((x) => ({ ...x, sync: 'remote' }))} />
              <span>Use the clinic's own sync server<span className="radio__help">Needs the server's address and its admin secret.</span></span>
            </label>
          </div>
          {form.values.sync === 'remote' && (
            <div className="field-row">
              <Field label="Sync server address" error={form.fieldError('serverUrl')} hint="For example http://192.168.1.20:4318">
                <input {...form.bind('serverUrl')} inputMode="url" autoComplete="off" />
              </Field>
              <Field label="Server admin secret" error={form.fieldError('adminSecret')}>
                <input {...form.bind('adminSecret')} type="password" autoComplete="off" />
              </Field>
            </div>
          )}
        </fieldset>
        {form.formError && <p className="form-error" role="alert">{form.formError}</p>}
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={form.busy}>{form.busy ? 'Setting up…' : 'Start using the desk'}</button>
        </div>
      </form>
  );
}
