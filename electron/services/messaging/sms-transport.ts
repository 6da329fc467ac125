/**
 * Sends one payment SMS: through the Twilio-shaped API, or into the outbox folder as a
 * .json file (for a desk without an SMS account, demos and tests). The words come from
 * shared/domain/payment-messages.ts, in the client's language, and the number is normalised
 * first (phone-number.ts).
 * Node-only (main process and the browser host); imported by transport.ts.
 */
import { paymentSms } from '../../../shared/domain/payment-messages.js';
import { smsSize } from '../../../shared/domain/sms-segments.js';
import type { OutgoingSms, SendOutcome } from './types.js';
import { writeOutboxFile } from './outbox-files.js';
import { normalisePhone } from './phone-number.js';
import { sendTwilioSms, type TwilioConfig } from './twilio-sms.js';
import { text } from '../../../shared/i18n/text.js';

export type SmsConfig = (TwilioConfig | { readonly kind: 'outbox'; readonly dir: string }) & {
  /** Given to an 8-digit number typed without one (see phone-number.ts); '+47' by default. */
  readonly defaultCountryCode?: string;
};

export interface SmsTransport {
  sendSms(message: OutgoingSms): Promise<SendOutcome>;
}

/** What the outbox keeps of one SMS: what a provider would have been given, and when. */
export interface OutboxSmsFile {
  readonly key: string;
  readonly to: string;
  readonly body: string;
  readonly segments: number;
  readonly at: string;
}

export function createSmsTransport(config: SmsConfig, now: () => Date): SmsTransport {
  return {
    async sendSms(message) {
      const body = paymentSms(message.facts);
      const segments = smsSize(body).segments;
      const phone = normalisePhone(message.to, config.defaultCountryCode);
      // Refused before anything is sent (docs/design.md invariant 8).
      if (!phone.ok) return { outcome: 'failed', retryable: false, detail: phone.reason, segments };
      if (!message.key.trim()) return { outcome: 'failed', retryable: false, detail: text('msg.detail.noKey'), segments };
      if (config.kind === 'twilio') return sendTwilioSms(config, { key: message.key, to: phone.e164, body, segments });
      return writeToOutbox(config.dir, { key: message.key, to: phone.e164, body, segments, at: now().toISOString() });
    },
  };
}

async function writeToOutbox(dir: string, sms: OutboxSmsFile): Promise<SendOutcome> {
  try {
    const written = await writeOutboxFile(dir, sms.key, 'json', `${JSON.stringify(sms, null, 2)}\n`);
    const detail = text(written === 'written' ? 'msg.detail.outboxWritten' : 'msg.detail.outboxExists');
    return { outcome: 'sent', detail, segments: sms.segments, providerId: `outbox:${sms.key}` };
  } catch (error) {
    // Nothing was written (temp file + rename), so a retry is safe.
    return { outcome: 'failed', retryable: true, detail: text('sms.detail.outboxFailed', { error: (error as Error).message }), segments: sms.segments };
  }
}
