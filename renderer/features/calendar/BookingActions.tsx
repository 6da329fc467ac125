/**
 * What staff do with an existing booking: move it (its draft invoice follows), cancel it
 * (offering to void its draft), or create an invoice for an externally billed booking.
 * The data layer checks permissions and rules; refusals are shown here in their words.
 */
import { useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { useCommand } from '../../app/use-command.js';
import { useLiveDocument } from '../../data/live-query.js';
import { cancelBooking, OverlapError, rescheduleBooking } from '../../../shared/db/booking-commands.js';
import { createInvoiceForBooking } from '../../../shared/db/invoice-commands.js';
import { localDateOf, localDateTimeToInstant, toWallTime } from '../../../shared/domain/time.js';
import type { BookingDoc } from '../../../shared/schemas/index.js';
import type { Text } from '../../../shared/i18n/text.js';
import { useT } from '../../app/language.js';
import { errorText } from '../../ui/errors.js';
import { usePractitioners } from './use-calendar-data.js';
import { DateField, TimeField } from '../../ui/DateField.js';

type Mode = 'idle' | 'move' | 'cancel';

/** An instant as a time input's value, "HH:MM" on the clinic's clock, whatever the reader's format. */
function timeInputValue(instant: string, timeZone: string): string {
  const { hour, minute } = toWallTime(instant, timeZone);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

export function BookingActions({ booking, onInvoice }: { booking: BookingDoc; onInvoice: (invoiceId: string) => void }) {
  const { db } = useDesk();
  const settings = useSettings();
  const translator = useT();
  const { t } = translator;
  const actor = useDeskActor();
  const practitioners = usePractitioners();
  const invoice = useLiveDocument(() => (booking.invoiceId ? db.invoices.findOne(booking.invoiceId) : null), [db, booking.invoiceId]);
  const [mode, setMode] = useState<Mode>('idle');
  const [date, setDate] = useState(localDateOf(booking.start, settings.timeZone));
  const [time, setTime] = useState(timeInputValue(booking.start, settings.timeZone));
  const [practitionerId, setPractitionerId] = useState(booking.practitionerId);
  /** What a move would overlap, to confirm; null while there is nothing to confirm. */
  const [overlap, setOverlap] = useState<Text | null>(null);
  const [voidDraft, setVoidDraft] = useState(true);
  const [error, setError] = useState<string | null>(null);
  // One operation per action: a button pressed twice, or again after an error, acts once.
  const command = useCommand();
  const busy = command.busy;

  if (booking.status === 'cancelled') return <p className="muted">{t('bookingUi.cancelled')}</p>;

  const act = async (action: (operation: string) => Promise<unknown>) => {
    setError(null);
    try {
      await command.run(action);
      setMode('idle');
      setOverlap(null);
    } catch (err) {
      if (err instanceof OverlapError) setOverlap(err.text);
      else setError(errorText(err, translator));
    }
  };
  const move = (confirmOverlap: boolean) => {
    const start = localDateTimeToInstant(date, time, settings.timeZone);
    if (!start) return setError(t('bookingUi.refused.invalidMove'));
    void act(() => rescheduleBooking(db, booking.id, { start, practitionerId, confirmOverlap }, actor));
  };

  return (
    <div className="booking-actions">
      {error && <p className="form-error" role="alert">{error}</p>}
      {mode === 'idle' && (
        <div className="toolbar">
          <button type="button" className="button" onClick={() => setMode('move')}>{t('bookingUi.move')}</button>
          <button type="button" className="button" onClick={() => setMode('cancel')}>{t('bookingUi.cancelBooking')}</button>
          {!booking.invoiceId && (
            <button type="button" className="button" disabled={busy} onClick={() => void act(async () => onInvoice((await createInvoiceForBooking(db, booking.id, actor)).id))}>{t('invoiceUi.createInvoice')}</button>
          )}
        </div>
      )}
      {mode === 'move' && (
        <form className="inline-form" aria-label={t('bookingUi.move')} onSubmit={(e) => { e.preventDefault(); move(false); }}>
          <label>{t('bookingUi.newDate')} <DateField value={date} onChange={setDate} /></label>
          <label>{t('bookingUi.startTime')} <TimeField value={time} onChange={setTime} /></label>
          <label>{t('bookingUi.practitioner')}
            <select value={practitionerId} onChange={(e) => setPractitionerId(e.target.value)}>
              {practitioners?.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </label>
          <button type="button" className="button" onClick={() => { setMode('idle'); setOverlap(null); }}>{t('common.back')}</button>
          <button type="submit" className="button button--primary" disabled={busy}>{t('bookingUi.moveSubmit')}</button>
          {overlap !== null && (
            <p className="warning" role="alert">{t(overlap)} <button type="button" className="button" onClick={() => move(true)}>{t('bookingUi.moveAnyway')}</button></p>
          )}
          {invoice && invoice.status !== 'draft' && <p className="muted">{t('bookingUi.issuedKeepsDate')}</p>}
        </form>
      )}
      {mode === 'cancel' && (
        <form className="confirm" aria-label={t('bookingUi.cancelBooking')} onSubmit={(e) => { e.preventDefault(); void act((operation) => cancelBooking(db, booking.id, { voidDraft: voidDraft && invoice?.status === 'draft' }, { ...actor, operation })); }}>
          <span>{t('bookingUi.confirmCancel')}</span>
          {invoice?.status === 'draft' && (
            <label className="checkbox"><input type="checkbox" checked={voidDraft} onChange={(e) => setVoidDraft(e.target.checked)} /> {t('bookingUi.alsoVoidDraft')}</label>
          )}
          {invoice && invoice.status === 'completed' && <span className="muted">{t('bookingUi.issuedVoidOrCredit')}</span>}
          <button type="button" className="button" onClick={() => setMode('idle')}>{t('bookingUi.keepBooking')}</button>
          <button type="submit" className="button button--danger" disabled={busy}>{t('bookingUi.cancelBooking')}</button>
        </form>
      )}
    </div>
  );
}
