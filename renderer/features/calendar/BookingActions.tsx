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
import { localDateOf, localDateTimeToInstant } from '../../../shared/domain/time.js';
import type { BookingDoc } from '../../../shared/schemas/index.js';
import { errorText } from '../../ui/errors.js';
import { formatTime } from '../../ui/format.js';
import { usePractitioners } from './use-calendar-data.js';

type Mode = 'idle' | 'move' | 'cancel';

export function BookingActions({ booking, onInvoice }: { booking: BookingDoc; onInvoice: (invoiceId: string) => void }) {
  const { db } = useDesk();
  const settings = useSettings();
  const actor = useDeskActor();
  const practitioners = usePractitioners();
  const invoice = useLiveDocument(() => (booking.invoiceId ? db.invoices.findOne(booking.invoiceId) : null), [db, booking.invoiceId]);
  const [mode, setMode] = useState<Mode>('idle');
  const [date, setDate] = useState(localDateOf(booking.start, settings.timeZone));
  const [time, setTime] = useState(formatTime(booking.start, { ...settings, locale: 'en-GB' }));
  const [practitionerId, setPractitionerId] = useState(booking.practitionerId);
  const [overlap, setOverlap] = useState<string | null>(null);
  const [voidDraft, setVoidDraft] = useState(true);
  const [error, setError] = useState<string | null>(null);
  // One operation per action: a button pressed twice, or again after an error, acts once.
  const command = useCommand();
  const busy = command.busy;

  if (booking.status === 'cancelled') return <p className="muted">This booking is cancelled.</p>;

  const act = async (action: (operation: string) => Promise<unknown>) => {
    setError(null);
    try {
      await command.run(action);
      setMode('idle');
      setOverlap(null);
    } catch (err) {
      if (err instanceof OverlapError) setOverlap(err.message);
      else setError(errorText(err));
    }
  };
  const move = (confirmOverlap: boolean) => {
    const start = localDateTimeToInstant(date, time, settings.timeZone);
    if (!start) return setError('Enter the new date and a start time like 09:30.');
    void act(() => rescheduleBooking(db, booking.id, { start, practitionerId, confirmOverlap }, actor));
  };

  return (
    <div className="booking-actions">
      {error && <p className="form-error" role="alert">{error}</p>}
      {mode === 'idle' && (
        <div className="toolbar">
          <button type="button" className="button" onClick={() => setMode('move')}>Move booking</button>
          <button type="button" className="button" onClick={() => setMode('cancel')}>Cancel booking</button>
          {!booking.invoiceId && (
            <button type="button" className="button" disabled={busy} onClick={() => void act(async () => onInvoice((await createInvoiceForBooking(db, booking.id, actor)).id))}>Create invoice</button>
          )}
        </div>
      )}
      {mode === 'move' && (
        <form className="inline-form" aria-label="Move booking" onSubmit={(e) => { e.preventDefault(); move(false); }}>
          <label>New date <input type="date" value={date} onChange={(e) => setDate(e.target.value)} /></label>
          <label>Start time <input type="time" value={time} onChange={(e) => setTime(e.target.value)} /></label>
          <label>Practitioner
            <select value={practitionerId} onChange={(e) => setPractitionerId(e.target.value)}>
              {practitioners?.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </label>
          <button type="button" className="button" onClick={() => { setMode('idle'); setOverlap(null); }}>Back</button>
          <button type="submit" className="button button--primary" disabled={busy}>Move</button>
          {overlap && (
            <p className="warning" role="alert">{overlap} <button type="button" className="button" onClick={() => move(true)}>Move anyway</button></p>
          )}
          {invoice && invoice.status !== 'draft' && <p className="muted">Its invoice is already issued and keeps the date it was issued with.</p>}
        </form>
      )}
      {mode === 'cancel' && (
        <form className="confirm" aria-label="Cancel booking" onSubmit={(e) => { e.preventDefault(); void act((operation) => cancelBooking(db, booking.id, { voidDraft: voidDraft && invoice?.status === 'draft' }, { ...actor, operation })); }}>
          <span>Cancel this booking?</span>
          {invoice?.status === 'draft' && (
            <label className="checkbox"><input type="checkbox" checked={voidDraft} onChange={(e) => setVoidDraft(e.target.checked)} /> Also void its draft invoice</label>
          )}
          {invoice && invoice.status === 'completed' && <span className="muted">Its invoice is issued: void it or credit it from the invoice if the client should not pay.</span>}
          <button type="button" className="button" onClick={() => setMode('idle')}>Keep booking</button>
          <button type="submit" className="button button--danger" disabled={busy}>Cancel booking</button>
        </form>
      )}
    </div>
  );
}
