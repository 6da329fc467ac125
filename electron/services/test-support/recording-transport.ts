/**
 * Test support (imported by tests only): a MessageTransport that records what it was
 * asked to send and answers "sent" — or whatever a test puts in `next` for one kind —
 * with SMS segments counted from the real message text.
 */
import { paymentSms } from '../../../shared/domain/payment-messages.js';
import { smsSize } from '../../../shared/domain/sms-segments.js';
import type { MessageTransport, OutgoingEmail, OutgoingNotice, OutgoingSms, SendOutcome } from '../messaging/types.js';
import { text } from '../../../shared/i18n/text.js';

export interface RecordingTransport extends MessageTransport {
  /** Every attempt, in order (failed ones too), each kind apart and all together. */
  readonly emails: OutgoingEmail[];
  readonly sms: OutgoingSms[];
  readonly notices: OutgoingNotice[];
  readonly all: (OutgoingEmail | OutgoingSms | OutgoingNotice)[];
  /** Answers to give instead of "sent" (kept until changed; undefined: sent). */
  readonly next: { email?: SendOutcome; sms?: SendOutcome; notice?: SendOutcome };
}

/** What the recording transport says of a message it took: the provider's words, as a real one's reply. */
const ACCEPTED = text('msg.detail.verbatim', { detail: 'Accepted' });

export function recordingTransport(): RecordingTransport {
  const t: RecordingTransport = {
    emails: [], sms: [], notices: [], all: [], next: {},
    async sendEmail(m) {
      t.emails.push(m);
      t.all.push(m);
      return t.next.email ?? { outcome: 'sent', detail: ACCEPTED, segments: 1, providerId: `e-${t.emails.length}` };
    },
    async sendSms(m) {
      t.sms.push(m);
      t.all.push(m);
      return t.next.sms ?? { outcome: 'sent', detail: ACCEPTED, segments: smsSize(paymentSms(m.facts)).segments, providerId: `s-${t.sms.length}` };
    },
    async sendNotice(n) {
      t.notices.push(n);
      t.all.push(n);
      return t.next.notice ?? { outcome: 'sent', detail: ACCEPTED, segments: 1, providerId: `n-${t.notices.length}` };
    },
  };
  return t;
}
