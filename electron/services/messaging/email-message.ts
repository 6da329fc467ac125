/**
 * One payment email as nodemailer composes it, the same for SMTP and the outbox: the words
 * from shared/domain/payment-messages.ts, sent in the staff member's name, with the link's
 * QR code as the inline image the HTML refers to. Node-only (main process); imported by
 * email-transport.ts.
 */
import type { SendMailOptions } from 'nodemailer';
import QRCode from 'qrcode';
import { paymentEmail, QR_CONTENT_ID } from '../../../shared/domain/payment-messages.js';
import type { OutgoingEmail } from './types.js';
import { keyStem } from './outbox-files.js';

/** Carries the message key, so a re-sent or duplicated email can be recognised. */
export const KEY_HEADER = 'X-Frontdesk-Key';

/**
 * The same key always gives the same Message-ID: mail clients and mailbox providers
 * treat two messages with one Message-ID as one, which limits the damage of a duplicate.
 */
export function messageIdFor(key: string, fromAddress: string): string {
  const domain = /@([A-Za-z0-9.-]+)$/.exec(fromAddress.trim())?.[1] ?? 'frontdesk.invalid';
  return `<frontdesk.${keyStem(key)}@${domain}>`;
}

export async function composePaymentEmail(message: OutgoingEmail, fromAddress: string): Promise<SendMailOptions> {
  const content = paymentEmail(message.facts);
  // margin 1 and 360 px: scans reliably from a screen; the HTML shows it at 180 px for sharpness.
  const qr = await QRCode.toBuffer(message.facts.link, { type: 'png', margin: 1, width: 360 });
  return {
    from: { name: message.fromName, address: fromAddress },
    to: message.to.trim(),
    subject: content.subject,
    text: content.text,
    html: content.html,
    messageId: messageIdFor(message.key, fromAddress),
    // A key is ours (ids and step names), but a header value must never carry a line break.
    headers: { [KEY_HEADER]: message.key.replace(/[\r\n]+/g, ' ') },
    attachments: [{ filename: 'payment-qr.png', content: qr, contentType: 'image/png', cid: QR_CONTENT_ID, contentDisposition: 'inline' }],
  };
}
