/**
 * What the main process's messaging service offers the sender and the scheduler: send
 * one email or one SMS to a client, and what happened. Transports are chosen from the
 * clinic's settings and main's secrets: SMTP (nodemailer) or the outbox folder of .eml
 * files for email; the Twilio-shaped HTTP API or the outbox for SMS. Node-only.
 */
import type { PaymentMessageFacts } from '../../../shared/domain/payment-messages.js';
import type { OutcomeDetail } from './outcome-detail.js';

export interface OutgoingEmail {
  /** Unique per (payment request or dunning step, channel): the provider idempotency key and the .eml name. */
  readonly key: string;
  readonly to: string;
  /** Display name of the sender: the staff member's name. */
  readonly fromName: string;
  /** The words' facts, and who reads them (the client's language): payment-messages.ts words them. */
  readonly facts: PaymentMessageFacts;
}

/** A plain email to the clinic itself, e.g. that a link was paid (client name, invoice number, amount), worded in the clinic's language. */
export interface OutgoingNotice {
  readonly key: string;
  readonly to: string;
  readonly fromName: string;
  readonly subject: string;
  readonly text: string;
}

export interface OutgoingSms {
  readonly key: string;
  /** E.164 or as typed; the transport normalises. */
  readonly to: string;
  readonly facts: PaymentMessageFacts;
}

/** `detail`: what happened, as a Text (outcome-detail.ts), the provider's own words in its values. */
export type SendOutcome =
  /** Accepted by the SMTP server / SMS provider, or written to the outbox. */
  | { readonly outcome: 'sent'; readonly detail: OutcomeDetail; readonly segments: number; readonly providerId: string }
  /** Refused: nothing was delivered; safe to retry when `retryable`. */
  | { readonly outcome: 'failed'; readonly detail: OutcomeDetail; readonly retryable: boolean; readonly segments: number }
  /** We cannot know whether it went out (e.g. the connection dropped after sending): never re-sent by itself. */
  | { readonly outcome: 'unknown'; readonly detail: OutcomeDetail; readonly segments: number };

export interface MessageTransport {
  sendEmail(message: OutgoingEmail): Promise<SendOutcome>;
  sendNotice(notice: OutgoingNotice): Promise<SendOutcome>;
  sendSms(message: OutgoingSms): Promise<SendOutcome>;
}

/** One message in the outbox folder, for the outbox screen: the contract's OutboxEntry. */
export type { OutboxEntry as OutboxItem } from '../../../shared/contract/index.js';
