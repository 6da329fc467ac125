/**
 * The words a client receives with a payment link (docs/product.md "Messages the client
 * receives"), in the client's language (docs/decisions/0033-languages.md). The input type holds
 * only what docs/design.md invariant 7 allows — clinic name, client first name, invoice number,
 * amount, reminder fee, due date, the link, who sends it and who reads it — so no service,
 * practitioner, diagnosis or note can reach a message by construction.
 *
 * Reminders and the final notice (inkassovarsel) state what the Norwegian rules ask of them
 * (shared/domain/debt-law.ts): the amount, the day to pay by (for the inkassovarsel at least
 * FINAL_NOTICE_MIN_DAYS after it is sent: dunning.ts payByDate), that debt collection follows
 * if it is not paid, and the reminder fee (purregebyr) when one is charged.
 * Importable from every runtime.
 */
import { smsSize } from './sms-segments.js';
import type { CurrencyCode } from './money.js';
import type { LocalDate } from './time.js';
import type { MessageId } from '../i18n/catalogues/index.js';
import { createTranslator, type Reader, type Translator } from '../i18n/translator.js';

export interface PaymentMessageFacts {
  /** The clinic's display name. */
  readonly clinicName: string;
  readonly clientFirstName: string;
  /** 0 while the number is pending (the message then names no number). */
  readonly invoiceNumber: number;
  /** What to pay, in minor units, a reminder fee included: the reader's Translator writes it ("450,00 kr"). */
  readonly amountMinor: number;
  readonly currency: CurrencyCode;
  /**
   * The day to pay by (shared/domain/dunning.ts payByDate: always in the future), or '' for
   * none. A final notice always has one.
   */
  readonly dueDate: LocalDate | '';
  /** The reminder fee (purregebyr) this message charges, in minor units, already in the amount; 0 or absent for none. */
  readonly feeMinor?: number;
  readonly link: string;
  /** The staff member the email is sent in the name of. */
  readonly senderName: string;
  /** What kind of message: a payment request, or a reminder step. */
  readonly kind?: 'payment_link' | 'reminder' | 'final_notice';
  /**
   * Who reads it: the client's language (shared/i18n/locale.ts readerLanguage), the clinic's
   * locale (its region decides the formats) and time zone.
   */
  readonly reader: Reader;
}

export interface EmailContent {
  readonly subject: string;
  readonly text: string;
  /** HTML with the QR code as an inline image `cid:payment-qr`. */
  readonly html: string;
}

export const QR_CONTENT_ID = 'payment-qr';

const translators = new Map<string, Translator>();

/** The reader's Translator, built once per language, locale and time zone. */
export function messageTranslator(reader: Reader): Translator {
  const key = `${reader.language}|${reader.clinicLocale}|${reader.timeZone}`;
  let tr = translators.get(key);
  if (!tr) translators.set(key, (tr = createTranslator(reader)));
  return tr;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const yesNo = (v: boolean) => (v ? 'yes' : 'no');
const feeOf = (facts: Pick<PaymentMessageFacts, 'feeMinor'>) => Math.max(0, facts.feeMinor ?? 0);

const OPENING: Readonly<Record<NonNullable<PaymentMessageFacts['kind']>, MessageId>> = {
  payment_link: 'email.opening.paymentLink',
  reminder: 'email.opening.reminder',
  final_notice: 'email.opening.finalNotice',
};

function opening(facts: PaymentMessageFacts, tr: Translator): string {
  return tr.t(OPENING[facts.kind ?? 'payment_link'], {
    clinic: facts.clinicName,
    // A string, so the number is never grouped ("1 234") like an amount.
    number: String(facts.invoiceNumber),
    hasNumber: yesNo(facts.invoiceNumber > 0),
    due: facts.dueDate ? tr.day(facts.dueDate) : '',
    hasDue: yesNo(facts.dueDate !== ''),
  });
}

export function emailSubject(facts: Pick<PaymentMessageFacts, 'clinicName' | 'kind' | 'feeMinor' | 'reader'>): string {
  const tr = messageTranslator(facts.reader);
  const id: MessageId = facts.kind === 'reminder'
    // With a fee it is a purring, without one a betalingspåminnelse (docs/decisions/0033-languages.md).
    ? (feeOf(facts) > 0 ? 'email.subject.reminderWithFee' : 'email.subject.reminder')
    : facts.kind === 'final_notice' ? 'email.subject.finalNotice' : 'email.subject.paymentLink';
  return tr.t(id, { clinic: facts.clinicName });
}

export function paymentEmail(facts: PaymentMessageFacts): EmailContent {
  const tr = messageTranslator(facts.reader);
  const amount = tr.money(facts.amountMinor, facts.currency);
  const due = facts.dueDate ? tr.day(facts.dueDate) : '';
  const hasDue = yesNo(due !== '');
  const fee = feeOf(facts);
  const feeLine = fee > 0 ? tr.t('email.feeIncluded', { fee: tr.money(fee, facts.currency) }) : null;
  const greeting = tr.t('email.greeting', { name: facts.clientFirstName });
  const notice = tr.t('email.linkPrivate');
  const signOff = tr.t('email.signOff');
  const subject = emailSubject(facts);
  const text = [
    greeting,
    '',
    opening(facts, tr),
    tr.t('email.amountToPay', { amount, due, hasDue }),
    ...(feeLine ? [feeLine] : []),
    '',
    tr.t('email.payNowLine', { link: facts.link }),
    '',
    notice,
    '',
    signOff,
    ...(facts.senderName === facts.clinicName ? [] : [facts.senderName]),
    facts.clinicName,
  ].join('\n');
  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="${e(tr.language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f6f8;font-family:Arial,Helvetica,sans-serif;color:#1f2933">
<table role="presentation" width="100%" style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<tr><td>
<p>${e(greeting)}</p>
<p>${e(opening(facts, tr))}</p>
<p style="font-size:20px;font-weight:bold">${e(tr.t('email.amountLine', { amount, due, hasDue }))}</p>
${feeLine ? `<p>${e(feeLine)}</p>\n` : ''}<p><a href="${e(facts.link)}" style="display:inline-block;background:#0f5e8c;color:#ffffff;text-decoration:none;padding:14px 28px;border-radius:6px;font-weight:bold;font-size:18px">${e(tr.t('email.payNow'))}</a></p>
<p>${e(tr.t('email.qrHint'))}</p>
<p><img src="cid:${QR_CONTENT_ID}" width="180" height="180" alt="${e(tr.t('email.qrAlt'))}"></p>
<p style="color:#52606d;font-size:13px">${e(notice)}</p>
<p>${e(signOff)}<br>${facts.senderName === facts.clinicName ? '' : `${e(facts.senderName)}<br>`}${e(facts.clinicName)}</p>
</td></tr></table>
</body></html>`;
  return { subject, text, html };
}

/** The SMS wordings, fullest first. */
const SMS_CANDIDATES: readonly MessageId[] = ['sms.full', 'sms.short', 'sms.shortest'];
/**
 * An inkassovarsel is never shortened below what the law asks of it (shared/domain/debt-law.ts):
 * the amount, the deadline, and that the claim then goes to debt collection, even at the cost
 * of a second segment.
 */
const FINAL_NOTICE_CANDIDATES: readonly MessageId[] = ['sms.finalNotice.full', 'sms.finalNotice.short'];

// Intl puts no-break spaces in amounts and dates; they are not GSM-7 and would make the
// whole SMS UCS-2 (70 characters a segment instead of 160).
const plain = (v: string) => v.replace(/[\u00a0\u202f\u2009]/g, ' ');

/**
 * The SMS: the fullest wording that fits one segment (GSM-7 or UCS-2, sms-segments.ts), then
 * shorter ones; if even the shortest needs more (a long clinic name or link), it is sent as
 * it is and costs more.
 */
export function paymentSms(facts: PaymentMessageFacts): string {
  const tr = messageTranslator(facts.reader);
  const fee = feeOf(facts);
  const values = {
    clinic: plain(facts.clinicName),
    name: plain(facts.clientFirstName),
    amount: plain(tr.money(facts.amountMinor, facts.currency)),
    fee: fee > 0 ? plain(tr.money(fee, facts.currency)) : '',
    hasFee: yesNo(fee > 0),
    number: String(facts.invoiceNumber),
    hasNumber: yesNo(facts.invoiceNumber > 0),
    due: facts.dueDate ? plain(tr.day(facts.dueDate)) : '',
    hasDue: yesNo(facts.dueDate !== ''),
    kind: facts.kind ?? 'payment_link',
    link: facts.link,
  };
  // The catalogues' own words could carry one too.
  const candidates = (facts.kind === 'final_notice' ? FINAL_NOTICE_CANDIDATES : SMS_CANDIDATES).map((id) => plain(tr.t(id, values)));
  return candidates.find((c) => smsSize(c).segments === 1) ?? candidates[candidates.length - 1]!;
}

/**
 * The clinic's own note that a link was paid (docs/product.md Settings, Notifications), in the
 * clinic's language (`tr`): client name, invoice number and amount — nothing about the treatment.
 */
export function clinicPaymentNotice(
  facts: { clinicName: string; clientName: string; invoiceNumber: number; amountMinor: number; currency: CurrencyCode },
  tr: Translator,
): { subject: string; text: string } {
  const values = {
    client: facts.clientName,
    amount: tr.money(facts.amountMinor, facts.currency),
    number: String(facts.invoiceNumber),
    hasNumber: yesNo(facts.invoiceNumber > 0),
  };
  return {
    subject: tr.t('clinicNotice.subject', values),
    text: `${tr.t('clinicNotice.text', values)}\n\n${facts.clinicName}`,
  };
}
