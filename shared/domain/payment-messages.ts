/**
 * The words a client receives with a payment link (docs/product.md "Messages the client
 * receives"). The input type holds only what docs/design.md invariant 7 allows — clinic name,
 * client first name, invoice number, amount, due date, the link and who sends it — so no
 * service, practitioner, diagnosis or note can reach a message by construction.
 */
import { smsSize } from './sms-segments.js';

export interface PaymentMessageFacts {
  /** The clinic's display name. */
  readonly clinicName: string;
  readonly clientFirstName: string;
  /** 0 while the number is pending (the message then names no number). */
  readonly invoiceNumber: number;
  /** Formatted in the clinic's locale, e.g. "450,00 kr". */
  readonly amount: string;
  /**
   * The formatted day to pay by (shared/domain/dunning.ts payByDate: always in the future), or
   * '' for none. A final notice always has one.
   */
  readonly dueDate: string;
  readonly link: string;
  /** The staff member the email is sent in the name of. */
  readonly senderName: string;
  /** What kind of message: a payment request, or a reminder step. */
  readonly kind?: 'payment_link' | 'reminder' | 'final_notice';
}

export interface EmailContent {
  readonly subject: string;
  readonly text: string;
  /** HTML with the QR code as an inline image `cid:payment-qr`. */
  readonly html: string;
}

export const QR_CONTENT_ID = 'payment-qr';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function invoiceRef(n: number): string {
  return n > 0 ? `invoice ${n}` : 'your invoice';
}

function opening(facts: PaymentMessageFacts): string {
  switch (facts.kind) {
    case 'reminder': return `This is a reminder that ${invoiceRef(facts.invoiceNumber)} from ${facts.clinicName} is not yet paid.`;
    case 'final_notice': return `Final notice: ${invoiceRef(facts.invoiceNumber)} from ${facts.clinicName} is still unpaid. ${facts.dueDate ? `If it is not paid by ${facts.dueDate}, it will be sent to debt collection.` : 'It may now be sent to debt collection.'}`;
    default: return `Here is the payment link for ${invoiceRef(facts.invoiceNumber)} from ${facts.clinicName}.`;
  }
}

export function emailSubject(facts: Pick<PaymentMessageFacts, 'clinicName' | 'kind'>): string {
  if (facts.kind === 'reminder') return `Payment reminder from ${facts.clinicName}`;
  if (facts.kind === 'final_notice') return `Final notice from ${facts.clinicName}`;
  return `Payment request from ${facts.clinicName}`;
}

export function paymentEmail(facts: PaymentMessageFacts): EmailContent {
  const due = facts.dueDate ? ` by ${facts.dueDate}` : '';
  const text = [
    `Hi ${facts.clientFirstName},`,
    '',
    opening(facts),
    `Amount to pay: ${facts.amount}${due}.`,
    '',
    `Pay now: ${facts.link}`,
    '',
    'The link is for you only. If you have already paid, please ignore this message.',
    '',
    `Kind regards,`,
    ...(facts.senderName === facts.clinicName ? [] : [facts.senderName]),
    facts.clinicName,
  ].join('\n');
  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(emailSubject(facts))}</title></head>
<body style="margin:0;padding:24px;background:#f4f6f8;font-family:Arial,Helvetica,sans-serif;color:#1f2933">
<table role="presentation" width="100%" style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<tr><td>
<p>Hi ${e(facts.clientFirstName)},</p>
<p>${e(opening(facts))}</p>
<p style="font-size:20px;font-weight:bold">${e(facts.amount)}${e(due)}</p>
<p><a href="${e(facts.link)}" style="display:inline-block;background:#0f5e8c;color:#ffffff;text-decoration:none;padding:14px 28px;border-radius:6px;font-weight:bold;font-size:18px">Pay now</a></p>
<p>Reading this on a computer? Scan the code with your phone to pay there:</p>
<p><img src="cid:${QR_CONTENT_ID}" width="180" height="180" alt="QR code with the payment link"></p>
<p style="color:#52606d;font-size:13px">The link is for you only. If you have already paid, please ignore this message.</p>
<p>Kind regards,<br>${facts.senderName === facts.clinicName ? '' : `${e(facts.senderName)}<br>`}${e(facts.clinicName)}</p>
</td></tr></table>
</body></html>`;
  return { subject: emailSubject(facts), text, html };
}

/**
 * The SMS: the fullest wording that fits one segment, then shorter ones; if even the
 * shortest needs more (a long clinic name or link), it is sent as it is and costs more.
 */
export function paymentSms(input: PaymentMessageFacts): string {
  // Intl puts no-break spaces in amounts and dates; they are not GSM-7 and would make the
  // whole SMS UCS-2 (70 characters a segment instead of 160).
  const plain = (v: string) => v.replace(/[\u00a0\u202f\u2009]/g, ' ');
  const facts = { ...input, clinicName: plain(input.clinicName), clientFirstName: plain(input.clientFirstName), amount: plain(input.amount), dueDate: plain(input.dueDate) };
  const ref = facts.invoiceNumber > 0 ? ` (invoice ${facts.invoiceNumber})` : '';
  const verb = facts.kind === 'reminder' ? 'Reminder: please pay' : facts.kind === 'final_notice' ? 'Final notice: please pay' : 'Please pay';
  const due = facts.dueDate ? ` by ${facts.dueDate}` : '';
  const candidates = [
    `${facts.clinicName}: Hi ${facts.clientFirstName}, ${verb.charAt(0).toLowerCase()}${verb.slice(1)} ${facts.amount}${ref}${due}: ${facts.link}`,
    `${facts.clinicName}: ${verb} ${facts.amount}${ref}: ${facts.link}`,
    `${facts.clinicName}: ${verb} ${facts.amount}: ${facts.link}`,
  ];
  return candidates.find((c) => smsSize(c).segments === 1) ?? candidates[candidates.length - 1]!;
}

/**
 * The clinic's own note that a link was paid (docs/product.md Settings, Notifications): client
 * name, invoice number and amount — nothing about the treatment.
 */
export function clinicPaymentNotice(facts: { clinicName: string; clientName: string; invoiceNumber: number; amount: string }): { subject: string; text: string } {
  const invoice = facts.invoiceNumber > 0 ? `invoice ${facts.invoiceNumber}` : 'an invoice (number pending)';
  return {
    subject: `Paid by link: ${facts.amount}${facts.invoiceNumber > 0 ? `, invoice ${facts.invoiceNumber}` : ''}`,
    text: `${facts.clientName} paid ${facts.amount} for ${invoice} by payment link.\n\n${facts.clinicName}`,
  };
}
