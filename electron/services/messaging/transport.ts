/**
 * The messaging service main hands to the sender and the scheduler: email and SMS behind
 * one MessageTransport, with retries for failures the server called temporary. Node-only
 * (main process and the browser host); imported by main's services. Configs carry the
 * secrets, so they are built in main and never leave it (docs/design.md invariant 6).
 */
import { paymentSms } from '../../../shared/domain/payment-messages.js';
import { smsSize } from '../../../shared/domain/sms-segments.js';
import type { MessageTransport, SendOutcome } from './types.js';
import { createEmailTransport, type EmailConfig } from './email-transport.js';
import { createSmsTransport, type SmsConfig } from './sms-transport.js';
import { text, type Text } from '../../../shared/i18n/text.js';

export interface RetryOptions {
  /** Tries in all, the first included. */
  readonly attempts: number;
  /** Wait before the second try; doubled before each further one. */
  readonly baseMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Tries again only after a `failed` + `retryable` outcome: nothing was delivered, and the
 * same key goes with every try. `unknown` is never retried — the message may already be
 * with the client (docs/design.md invariant 5) — and neither is a permanent refusal.
 */
export async function retryWithBackoff(send: () => Promise<SendOutcome>, options: RetryOptions): Promise<SendOutcome> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let outcome = await send();
  for (let attempt = 1; attempt < options.attempts; attempt++) {
    if (outcome.outcome !== 'failed' || !outcome.retryable) return outcome;
    await sleep(options.baseMs * 2 ** (attempt - 1));
    outcome = await send();
  }
  return outcome;
}

export interface MessagingConfig {
  /** null when the clinic has set up no way to send that channel. */
  readonly email: EmailConfig | null;
  readonly sms: SmsConfig | null;
  /** Retries for temporary failures; none when left out. */
  readonly retry?: RetryOptions;
  /** The desk's clock (an outbox SMS is stamped with it). */
  readonly now: () => Date;
}

export function createMessageTransport(config: MessagingConfig): MessageTransport {
  const email = config.email ? createEmailTransport(config.email) : null;
  const sms = config.sms ? createSmsTransport(config.sms, config.now) : null;
  const withRetry = (send: () => Promise<SendOutcome>) => (config.retry ? retryWithBackoff(send, config.retry) : send());
  return {
    sendEmail: (message) => (email
      ? withRetry(() => email.sendEmail(message))
      : Promise.resolve(notSetUp(text('email.detail.notSetUp'), 1))),
    sendNotice: (notice) => (email
      ? withRetry(() => email.sendNotice(notice))
      : Promise.resolve(notSetUp(text('email.detail.notSetUp'), 1))),
    sendSms: (message) => (sms
      ? withRetry(() => sms.sendSms(message))
      : Promise.resolve(notSetUp(text('sms.detail.notSetUp'), smsSize(paymentSms(message.facts)).segments))),
  };
}

function notSetUp(detail: Text, segments: number): SendOutcome {
  return { outcome: 'failed', retryable: false, detail, segments };
}
