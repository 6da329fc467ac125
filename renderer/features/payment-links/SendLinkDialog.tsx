/**
 * "Send payment link": the amount (the balance, or a part — never more), the channels
 * with each message's cost shown before sending, and now or a chosen time. The request
 * is written by the data layer (billing permission, no more than the balance, a valid
 * email or mobile for each channel); main sends it and records what happened.
 */
import { useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { useCommand } from '../../app/use-command.js';
import { useLiveDocument } from '../../data/live-query.js';
import { createPaymentRequest } from '../../../shared/db/payment-request-commands.js';
import { messageCostMinor } from '../../../shared/domain/message-costs.js';
import { minorToInput } from '../../../shared/domain/money.js';
import { paymentSms } from '../../../shared/domain/payment-messages.js';
import { RefusedError } from '../../../shared/domain/result.js';
import { smsSize } from '../../../shared/domain/sms-segments.js';
import { localDateOf, localDateTimeToInstant } from '../../../shared/domain/time.js';
import { formatVatRate } from '../../../shared/domain/vat.js';
import type { InvoiceDoc } from '../../../shared/schemas/index.js';
import { FormDialog } from '../../ui/FormDialog.js';
import { errorText } from '../../ui/errors.js';
import { money } from '../../ui/format.js';
import { deskClock } from '../../app/desk-clock.js';

/** A stand-in for the link when estimating SMS length: about as long as a real one. */
const LINK_ESTIMATE = 'https://pay.example.com/p/abcdefghijklmnop';

/** `amount`: what staff already typed for this payment (the checkout's part); the balance when left out. */
export function SendLinkDialog({ invoice, balanceMinor, amount: typedAmount, onClose, onSent }: { invoice: InvoiceDoc; balanceMinor: number; amount?: string | undefined; onClose: () => void; onSent?: () => void }) {
  const { db, main } = useDesk();
  const settings = useSettings();
  const actor = useDeskActor();
  const client = useLiveDocument(() => db.clients.findOne(invoice.clientId), [db, invoice.clientId]);
  const [amount, setAmount] = useState(typedAmount ?? minorToInput(balanceMinor, invoice.currency));
  // Until staff tick a box themselves, offer the channels the client can be reached on.
  const [emailChoice, setEmail] = useState<boolean | null>(null);
  const [smsChoice, setSms] = useState<boolean | null>(null);
  const email = emailChoice ?? (client ? client.email !== '' || client.phone === '' : true);
  const sms = smsChoice ?? (client ? client.phone !== '' : true);
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [date, setDate] = useState(localDateOf(deskClock(), settings.timeZone));
  const [time, setTime] = useState('');
  const [error, setError] = useState<{ message: string; field: string | undefined } | null>(null);
  const command = useCommand();
  const busy = command.busy;

  const m = (minor: number) => money(minor, settings.currency, settings);
  const segments = smsSize(paymentSms({
    clinicName: settings.displayName, clientFirstName: client?.firstName ?? '', invoiceNumber: invoice.number, amount: `${amount} kr`, dueDate: '', link: LINK_ESTIMATE, senderName: '',
  })).segments;
  const prices = { emailMinor: settings.emailCostMinor, smsSegmentMinor: settings.smsSegmentCostMinor };
  const vat = formatVatRate(settings.messageVatBp, settings.locale);

  const send = async () => {
    setError(null);
    try {
      const channels = [...(email ? ['email' as const] : []), ...(sms ? ['sms' as const] : [])];
      const sendAt = when === 'later' ? localDateTimeToInstant(date, time, settings.timeZone) : undefined;
      if (when === 'later' && !sendAt) throw new RefusedError({ ok: false, message: 'Enter the day and a time like 09:30 to send the link.', field: 'sendAt' });
      // One operation for this dialog: pressing Send twice, or again after an error, asks for one link.
      const sent = await command.run((operation) => createPaymentRequest(db, invoice.id, { amount, channels, ...(sendAt ? { sendAt } : {}) }, { ...actor, operation }));
      if (!sent) return;
      // Main's scheduler sends it at once (a later one waits for its time).
      if (when === 'now') await main.invoke('payments.sendDue').catch(() => undefined);
      onSent?.();
      onClose();
    } catch (err) {
      setError({ message: errorText(err), field: err instanceof RefusedError ? err.field : undefined });
    }
  };
  const bad = (field: string) => (error?.field === field ? true : undefined);

  return (
    <FormDialog title="Send payment link" onClose={onClose} submitLabel={when === 'now' ? 'Send link' : 'Schedule link'} busy={busy} busyLabel="Sending…"
      formLabel="Send payment link" formClassName="send-link" onSubmit={() => { void send(); }}>
      {error && <p className="form-error" role="alert">{error.message}</p>}
      <div className="field">
        <label htmlFor="link-amount">Amount</label>
        <input id="link-amount" className="input--money" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} aria-invalid={bad('amount')} autoFocus />
        <p className="field__hint">The balance is {m(balanceMinor)}; a smaller amount asks for a part.</p>
      </div>
      <fieldset className="radio-group">
        <legend>Send by</legend>
        <label className="checkbox">
          <input type="checkbox" checked={email} onChange={(e) => setEmail(e.target.checked)} aria-invalid={bad('email') ?? bad('channels')} />
          Email {client?.email ? `to ${client.email}` : '(no email address on file)'} — {m(messageCostMinor('email', 1, prices))} + {vat} VAT
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={sms} onChange={(e) => setSms(e.target.checked)} aria-invalid={bad('phone') ?? bad('channels')} />
          SMS {client?.phone ? `to ${client.phone}` : '(no mobile number on file)'} — {segments} segment{segments === 1 ? '' : 's'}, {m(messageCostMinor('sms', segments, prices))} + {vat} VAT
        </label>
      </fieldset>
      <fieldset className="radio-group">
        <legend>When</legend>
        <label className="checkbox"><input type="radio" name="when" checked={when === 'now'} onChange={() => setWhen('now')} /> Now</label>
        <label className="checkbox"><input type="radio" name="when" checked={when === 'later'} onChange={() => setWhen('later')} /> Later</label>
        {when === 'later' && (
          <div className="inline-form">
            <label>Day <input type="date" value={date} onChange={(e) => setDate(e.target.value)} aria-invalid={bad('sendAt')} /></label>
            <label>Time <input type="time" value={time} onChange={(e) => setTime(e.target.value)} aria-invalid={bad('sendAt')} /></label>
          </div>
        )}
      </fieldset>
      {invoice.status === 'draft' && <p className="muted">Sending completes this draft: it gets its number and is locked.</p>}
    </FormDialog>
  );
}
