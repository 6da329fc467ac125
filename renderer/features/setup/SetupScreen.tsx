/** First run: the clinic, one practitioner and one service, in one short form. */
import { useDesk } from '../../app/desk-context.js';
import { CURRENCIES } from '../../../shared/domain/money.js';
import { runSetup } from '../../../shared/db/setup-commands.js';
import { Field } from '../../ui/Field.js';
import { useForm } from '../../ui/use-form.js';

const CURRENCY_NAMES: Record<string, string> = {
  NOK: 'NOK — Norwegian krone', GBP: 'GBP — British pound', EUR: 'EUR — Euro',
  USD: 'USD — US dollar', SEK: 'SEK — Swedish krona', DKK: 'DKK — Danish krone',
};

function timeZones(): string[] {
  const zones = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return zones.length > 0 ? zones : ['Europe/Oslo', 'Europe/London', 'Europe/Stockholm', 'Europe/Copenhagen', 'Europe/Berlin', 'America/New_York'];
}

export function SetupScreen() {
  const { db } = useDesk();
  const form = useForm({
    clinicName: '',
    currency: 'NOK',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Oslo',
    practitionerName: '',
    serviceName: '',
    duration: '45',
    price: '',
    vatRate: '0',
  });
  const zones = timeZones();

  return (
    <main className="setup" id="main">
      <form
        className="setup__card"
        aria-labelledby="setup-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit((v) => runSetup(db, {
            clinicName: v.clinicName, currency: v.currency, timeZone: v.timeZone, practitionerName: v.practitionerName,
            service: { name: v.serviceName, durationMinutes: v.duration, price: v.price, vatRate: v.vatRate },
          }));
        }}
      >
        <h1 id="setup-title">Set up your clinic</h1>
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
        {form.formError && <p className="form-error" role="alert">{form.formError}</p>}
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={form.busy}>{form.busy ? 'Setting up…' : 'Start using the desk'}</button>
        </div>
      </form>
    </main>
  );
}
