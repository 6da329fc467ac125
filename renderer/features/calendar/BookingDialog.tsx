/**
 * Book a slot: client, service, practitioner and start (the end follows from the
 * service), with an Invoicing section that shows the clinic's billing process and
 * lets this booking override it. Saving creates the booking and its draft invoice.
 */
import { useEffect, useRef, useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { useCommand } from '../../app/use-command.js';
import { createBooking, OverlapError } from '../../../shared/db/booking-commands.js';
import { BILLING_LABELS, clinicDefaultBilling, type BillingChoice } from '../../../shared/domain/billing.js';
import { paymentsActive } from '../../../shared/domain/activation.js';
import { bookingEnd, checkBookingDay } from '../../../shared/domain/bookings.js';
import { RefusedError } from '../../../shared/domain/result.js';
import { isLocalDate, localDateOf, localDateTimeToInstant } from '../../../shared/domain/time.js';
import { deskClock } from '../../app/desk-clock.js';
import type { ClientDoc } from '../../../shared/schemas/index.js';
import { FormDialog } from '../../ui/FormDialog.js';
import { Field } from '../../ui/Field.js';
import { StrongIn } from '../../ui/StrongIn.js';
import { useT } from '../../app/language.js';
import { textOfError } from '../../../shared/i18n/error-text.js';
import { moneyValue, text, type MessageId, type Text } from '../../../shared/i18n/text.js';
import { ClientPicker } from './ClientPicker.js';
import { usePractitioners, useServices } from './use-calendar-data.js';
import { DateField, TimeField } from '../../ui/DateField.js';

export interface BookingDraft {
  date: string;
  minute: number;
  practitionerId: string | null;
}

const BILLING_HELP: Record<BillingChoice, MessageId | null> = {
  'clinic-default': null,
  automatic: 'bookingUi.billingHelp.automatic',
  manual: 'bookingUi.billingHelp.manual',
  external: 'bookingUi.billingHelp.external',
};
const DASH = '—';
const EN_DASH = '–';

export function BookingDialog({ draft, onClose, onSaved }: { draft: BookingDraft; onClose: () => void; onSaved: (message: string) => void }) {
  const { db } = useDesk();
  const settings = useSettings();
  const { t, time: timeOf } = useT();
  const actor = useDeskActor();
  const services = useServices();
  const practitioners = usePractitioners();
  const [client, setClient] = useState<ClientDoc | null>(null);
  const [serviceId, setServiceId] = useState('');
  const [practitionerId, setPractitionerId] = useState(draft.practitionerId ?? '');
  const [date, setDate] = useState(draft.date);
  const [time, setTime] = useState(`${String(Math.floor(draft.minute / 60)).padStart(2, '0')}:${String(draft.minute % 60).padStart(2, '0')}`);
  const [billing, setBilling] = useState<BillingChoice>('clinic-default');
  const [error, setError] = useState<{ text: Text; field?: string | undefined } | null>(null);
  const [overlap, setOverlap] = useState<OverlapError | null>(null);
  const command = useCommand();
  const busy = command.busy;
  const serviceRef = useRef<HTMLSelectElement>(null);
  const chosenBefore = useRef(false);

  // Choosing a client replaces the search box with the chosen name: focus goes on to the
  // service rather than being lost to the page; "Change" brings it back to the search box.
  useEffect(() => {
    if (client) serviceRef.current?.focus();
    else if (chosenBefore.current) document.querySelector<HTMLElement>('dialog[open] [name="client"]')?.focus();
    chosenBefore.current = client !== null;
  }, [client]);

  // A single practitioner or service is chosen for the receptionist.
  const effectiveServiceId = serviceId || (services?.length === 1 ? services[0]!.id : '');
  const effectivePractitionerId = practitionerId || (practitioners?.length === 1 ? practitioners[0]!.id : '');
  const service = services?.find((s) => s.id === effectiveServiceId);
  const start = localDateTimeToInstant(date, time, settings.timeZone);
  const end = start && service ? bookingEnd(start, service.durationMinutes) : null;
  const clinicDefault = clinicDefaultBilling(settings);
  // The same window the command refuses outside of; a day before today only gets a note.
  const today = localDateOf(deskClock(), settings.timeZone);
  const day = isLocalDate(date) ? checkBookingDay(date, today) : null;

  async function save(confirmOverlap: boolean) {
    setError(null);
    try {
      if (!start) throw new RefusedError({ text: text('bookingUi.refused.invalidStart'), field: 'start' });
      // One operation for this dialog: Add booking pressed twice, or again after an error, books once.
      const result = await command.run((operation) => createBooking(db, {
        clientId: client?.id ?? '', serviceId: effectiveServiceId, practitionerId: effectivePractitionerId,
        start, billing, confirmOverlap,
      }, { actor: actor.actor, desk: actor.desk, now: deskClock().toISOString(), operation }));
      if (!result) return;
      onSaved(t(result.invoice ? 'bookingUi.booked.withInvoice' : 'bookingUi.booked.external'));
    } catch (err) {
      if (err instanceof OverlapError) setOverlap(err);
      else {
        const field = err instanceof RefusedError ? err.field : undefined;
        setError({ text: textOfError(err), field });
        // As use-form does: the field to fix has focus, so the keyboard is where the message is.
        if (field) document.querySelector<HTMLElement>(`dialog[open] [name="${field}"]`)?.focus();
      }
    }
  }

  const fieldError = (name: string) => (error?.field === name ? t(error.text) : undefined);
  return (
    <FormDialog title={t('bookingUi.title')} onClose={onClose} submitLabel={t('bookingUi.submit')} busy={busy} submitDisabled={overlap !== null} onSubmit={() => { void save(false); }}>
      <ClientPicker value={client} onChange={(c) => { setClient(c); setError(null); }} error={fieldError('client')} />
      <Field label={t('bookingUi.service')} error={fieldError('service')}>
        <select name="service" ref={serviceRef} value={effectiveServiceId} onChange={(e) => { setServiceId(e.target.value); setOverlap(null); }}>
          <option value="">{t('bookingUi.chooseService')}</option>
          {services?.map((s) => <option key={s.id} value={s.id}>{t('bookingUi.serviceOption', { name: s.name, minutes: s.durationMinutes, price: moneyValue(s.priceMinor, s.currency) })}</option>)}
        </select>
      </Field>
      <Field label={t('bookingUi.practitioner')} error={fieldError('practitioner')}>
        <select name="practitioner" value={effectivePractitionerId} onChange={(e) => { setPractitionerId(e.target.value); setOverlap(null); }}>
          <option value="">{t('bookingUi.choosePractitioner')}</option>
          {practitioners?.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </Field>
      <div className="field-row">
        <Field label={t('bookingUi.date')} error={fieldError('start')}>
          <DateField name="start" value={date} onChange={(v) => { setDate(v); setOverlap(null); setError(null); }} required />
        </Field>
        <Field label={t('bookingUi.startTime')}>
          <TimeField name="time" stepMinutes={15} value={time} onChange={(v) => { setTime(v); setOverlap(null); setError(null); }} required />
        </Field>
        <div className="field">
          <span className="field__label">{t('bookingUi.ends')}</span>
          <output className="field__output" data-testid="booking-end">{end ? timeOf(end) : DASH}</output>
        </div>
      </div>
      {day?.ok && day.value.inPast && (
        <p className="warning" role="status" data-testid="past-booking">{t('bookingUi.pastDay')}</p>
      )}
      {/* Before payments are activated every booking is billed outside the app (shared/domain/activation.ts): no choice to offer. */}
      {!paymentsActive(settings) && (
        <fieldset className="invoicing">
          <legend>{t('bookingUi.invoicing')}</legend>
          <p className="muted" data-testid="payments-off">{t('bookingUi.paymentsOff')}</p>
        </fieldset>
      )}
      {paymentsActive(settings) && <fieldset className="invoicing">
        <legend>{t('bookingUi.invoicing')}</legend>
        <p className="muted"><StrongIn id={clinicDefault === 'external' ? 'bookingUi.clinicDefaultExternal' : 'bookingUi.clinicDefault'} name="mode" value={t(BILLING_LABELS[clinicDefault])} /></p>
        <div className="radio-list">
          {(['clinic-default', 'automatic', 'manual', 'external'] as const).map((choice) => (
            <label key={choice} className="radio">
              <input type="radio" name="billing" value={choice} checked={billing === choice} onChange={() => setBilling(choice)} />
              <span>
                {choice === 'clinic-default' ? t('bookingUi.useClinicDefault', { mode: text(BILLING_LABELS[clinicDefault]) }) : t(BILLING_LABELS[choice])}
                {BILLING_HELP[choice] && <span className="radio__help">{t(BILLING_HELP[choice])}</span>}
              </span>
            </label>
          ))}
        </div>
      </fieldset>}
      {error && !['client', 'service', 'practitioner', 'start'].includes(error.field ?? '') && <p className="form-error" role="alert">{t(error.text)}</p>}
      {overlap && (
        <div className="warning" role="alert">
          <p><strong>{t(overlap.text)}</strong></p>
          <ul>
            {overlap.conflicts.map((c) => <li key={c.id}>{timeOf(c.start)}{EN_DASH}{timeOf(c.end)}</li>)}
          </ul>
          <div className="actions">
            <button type="button" className="button" onClick={() => setOverlap(null)}>{t('bookingUi.changeTime')}</button>
            <button type="button" className="button button--warning" onClick={() => void save(true)} disabled={busy}>{t('bookingUi.bookAnyway')}</button>
          </div>
        </div>
      )}
    </FormDialog>
  );
}
