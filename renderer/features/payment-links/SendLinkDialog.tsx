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
import { parseAmount } from '../../../shared/domain/money.js';
import { paymentSms } from '../../../shared/domain/payment-messages.js';
import { refuse, RefusedError } from '../../../shared/domain/result.js';
import { smsSize } from '../../../shared/domain/sms-segments.js';
import { localDateOf, localDateTimeToInstant } from '../../../shared/domain/time.js';
import type { InvoiceDoc } from '../../../shared/schemas/index.js';
import { FormDialog } from '../../ui/FormDialog.js';
import { deskClock } from '../../app/desk-clock.js';
import { useT } from '../../app/language.js';
import { textOfError } from '../../../shared/i18n/error-text.js';
import { readerLanguage } from '../../../shared/i18n/locale.js';
import type { Text } from '../../../shared/i18n/text.js';
import { DateField, TimeField } from '../../ui/DateField.js';
import { moneyInput } from '../../ui/money-input.js';

/** A stand-in for the link when estimating SMS length: about as long as a real one. */
const LINK_ESTIMATE = 'https://pay.example.com/p/abcdefghijklmnop';

/** `amount`: what staff already typed for this payment (the checkout's part); the balance when left out. */
export function SendLinkDialog({ invoice, balanceMinor, amount: typedAmount, onClose, onSent }: { invoice: InvoiceDoc; balanceMinor: number; amount?: string | undefined; onClose: () => void; onSent?: () => void }) {
  const { db, main } = useDesk();
  const settings = useSettings();
  const { t, money, rate, locale } = useT();
  const actor = useDeskActor();
  const client = useLiveDocument(() => db.clients.findOne(invoice.clientId), [db, invoice.clientId]);
  const [amount, setAmount] = useState(typedAmount ?? moneyInput(balanceMinor, invoice.currency, locale));
  // Until staff tick a box themselves, offer the channels the client can be reached on.
  const [emailChoice, setEmail] = useState<boolean | null>(null);
  const [smsChoice, setSms] = useState<boolean | null>(null);
  const email = emailChoice ?? (client ? client.email !== '' || client.phone === '' : true);
  const sms = smsChoice ?? (client ? client.phone !== '' : true);
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [date, setDate] = useState(localDateOf(deskClock(), settings.timeZone));
  const [time, setTime] = useState('');
  const [error, setError] = useState<{ text: Text; field: string | undefined } | null>(null);
  const command = useCommand();
  const busy = command.busy;

  const m = (minor: number) => money(minor, settings.currency);
  // The SMS as the client would read it (their language, the clinic's formats), for its length.
  const typed = parseAmount(amount, invoice.currency);
  const segments = smsSize(paymentSms({
    clinicName: settings.displayName, clientFirstName: client?.firstName ?? '', invoiceNumber: invoice.number,
    amountMinor: typed.ok ? typed.value : balanceMinor, currency: invoice.currency, dueDate: '', link: LINK_ESTIMATE, senderName: '',
    reader: { language: readerLanguage(client?.language, settings.locale), clinicLocale: settings.locale, timeZone: settings.timeZone },
  })).segments;
  const prices = { emailMinor: settings.emailCostMinor, smsSegmentMinor: settings.smsSegmentCostMinor };
  const vat = rate(settings.messageVatBp);

  const send = async () => {
    setError(null);
    try {
      const channels = [...(email ? ['email' as const] : []), ...(sms ? ['sms' as const] : [])];
      const sendAt = when === 'later' ? localDateTimeToInstant(date, time, settings.timeZone) : undefined;
      if (when === 'later' && !sendAt) throw new RefusedError(refuse('linkUi.send.whenMissing', 'sendAt'));
      // One operation for this dialog: pressing Send twice, or again after an error, asks for one link.
      const sent = await command.run((operation) => createPaymentRequest(db, invoice.id, { amount, channels, ...(sendAt ? { sendAt } : {}) }, { ...actor, operation }));
      if (!sent) return;
      // Main's scheduler sends it at once (a later one waits for its time).
      if (when === 'now') await main.invoke('payments.sendDue').catch(() => undefined);
      onSent?.();
      onClose();
    } catch (err) {
      setError({ text: textOfError(err), field: err instanceof RefusedError ? err.field : undefined });
    }
  };
  const bad = (field: string) => (error?.field === field ? true : undefined);

  return (
    <FormDialog title={t('linkUi.send.title')} onClose={onClose} submitLabel={t(when === 'now' ? 'linkUi.send.now' : 'linkUi.send.schedule')} busy={busy} busyLabel={t('common.sending')}
      formLabel={t('linkUi.send.title')} formClassName="send-link" onSubmit={() => { void send(); }}>
      {error && <p className="form-error" role="alert">{t(error.text)}</p>}
      <div className="field">
        <label htmlFor="link-amount">{t('linkUi.send.amount')}</label>
        <input id="link-amount" className="input--money" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} aria-invalid={bad('amount')} autoFocus />
        <p className="field__hint">{t('linkUi.send.amountHint', { balance: m(balanceMinor) })}</p>
      </div>
      <fieldset className="radio-group">
        <legend>{t('linkUi.send.by')}</legend>
        <label className="checkbox">
          <input type="checkbox" checked={email} onChange={(e) => setEmail(e.target.checked)} aria-invalid={bad('email') ?? bad('channels')} />
          {t('linkUi.send.email', { hasEmail: client?.email ? 'yes' : 'no', email: client?.email ?? '', cost: m(messageCostMinor('email', 1, prices)), vat })}
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={sms} onChange={(e) => setSms(e.target.checked)} aria-invalid={bad('phone') ?? bad('channels')} />
          {t('linkUi.send.sms', { hasPhone: client?.phone ? 'yes' : 'no', phone: client?.phone ?? '', segments, cost: m(messageCostMinor('sms', segments, prices)), vat })}
        </label>
      </fieldset>
      <fieldset className="radio-group">
        <legend>{t('linkUi.send.when')}</legend>
        <label className="checkbox"><input type="radio" name="when" checked={when === 'now'} onChange={() => setWhen('now')} /> {t('linkUi.send.whenNow')}</label>
        <label className="checkbox"><input type="radio" name="when" checked={when === 'later'} onChange={() => setWhen('later')} /> {t('linkUi.send.whenLater')}</label>
        {when === 'later' && (
          <div className="inline-form">
            <label>{t('linkUi.send.day')} <DateField value={date} onChange={setDate} aria-invalid={bad('sendAt')} /></label>
            <label>{t('linkUi.send.time')} <TimeField value={time} onChange={setTime} aria-invalid={bad('sendAt')} /></label>
          </div>
        )}
      </fieldset>
      {invoice.status === 'draft' && <p className="muted">{t('linkUi.send.completesDraft')}</p>}
    </FormDialog>
  );
}
