/**
 * The combined transport: retries only what is safe to retry. The canary for docs/design.md
 * invariant 7 drives the real sender through it: payments/no-health-information.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentMessageFacts } from '../../../shared/domain/payment-messages.js';
import { startSmtpStandIn, startTwilioStandIn } from '../test-support/message-servers.js';
import { createMessageTransport, retryWithBackoff } from './transport.js';
import type { OutgoingSms, SendOutcome } from './types.js';
import { detailInEnglish } from './outcome-detail.js';
import { text } from '../../../shared/i18n/text.js';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'twilio-auth-token-very-secret';
const FACTS: PaymentMessageFacts = {
  clinicName: 'Fjordside Fysio', clientFirstName: 'Ingrid', invoiceNumber: 12, amountMinor: 45_000, currency: 'NOK', dueDate: '2026-12-05',
  link: 'https://pay.example/p/abc123', senderName: 'Rita Resepsjon', reader: { language: 'en', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' },
};
const SMS: OutgoingSms = { key: 'pr_1:sms', to: '41234567', facts: FACTS };

const closers: (() => Promise<void>)[] = [];
afterEach(async () => { await Promise.all(closers.splice(0).map((c) => c())); });

async function startTwilio(statuses: (number | 'silent')[]) {
  const twilio = await startTwilioStandIn(statuses);
  closers.push(() => twilio.close());
  return twilio;
}

async function startSmtp(refusals = 0) {
  const smtp = await startSmtpStandIn(refusals);
  closers.push(() => smtp.close());
  return smtp;
}

function transport(twilioUrl: string, smtpPort: number) {
  return createMessageTransport({
    email: { kind: 'smtp', host: '127.0.0.1', port: smtpPort, secure: false, user: '', password: '', fromAddress: 'post@fjordside.example' },
    sms: { kind: 'twilio', baseUrl: twilioUrl, accountSid: SID, authToken: TOKEN, from: 'Fjordside', timeoutMs: 300 },
    retry: { attempts: 3, baseMs: 10 },
    now: () => new Date(0),
  });
}

describe('retries', () => {
  it('sends again after a 503, with the same idempotency key, and succeeds on the second try', async () => {
    const twilio = await startTwilio([503]);
    const outcome = await transport(twilio.baseUrl, 1).sendSms(SMS);
    expect(outcome).toMatchObject({ outcome: 'sent', providerId: 'SM2' });
    expect(twilio.requests.map((r) => r.idempotencyKey)).toEqual(['pr_1:sms', 'pr_1:sms']);
  });

  it('sends an email again after a temporary SMTP refusal', async () => {
    const smtp = await startSmtp(1);
    const outcome = await transport('http://127.0.0.1:1', smtp.port).sendEmail({ key: 'pr_1:email', to: 'ingrid@client.example', fromName: 'Rita Resepsjon', facts: FACTS });
    expect(outcome).toMatchObject({ outcome: 'sent' });
    expect(smtp.connections()).toBe(2);
    expect(smtp.messages).toHaveLength(1);
  });

  it('never sends again when the outcome is unknown or a permanent refusal', async () => {
    const silent = await startTwilio(['silent', 201]);
    expect(await transport(silent.baseUrl, 1).sendSms(SMS)).toMatchObject({ outcome: 'unknown' });
    expect(silent.requests).toHaveLength(1);
    const refusing = await startTwilio([400, 201]);
    expect(await transport(refusing.baseUrl, 1).sendSms(SMS)).toMatchObject({ outcome: 'failed', retryable: false });
    expect(refusing.requests).toHaveLength(1);
  });

  it('stops after the attempts it was given, doubling the wait each time', async () => {
    const waits: number[] = [];
    let calls = 0;
    const failing: SendOutcome = { outcome: 'failed', retryable: true, detail: text('msg.detail.verbatim', { detail: 'busy' }), segments: 1 };
    const outcome = await retryWithBackoff(async () => { calls += 1; return failing; }, { attempts: 3, baseMs: 100, sleep: async (ms) => { waits.push(ms); } });
    expect(outcome).toBe(failing);
    expect(calls).toBe(3);
    expect(waits).toEqual([100, 200]);
  });

  it('answers "not set up" for a channel the clinic has not configured, without throwing', async () => {
    const none = createMessageTransport({ email: null, sms: null, now: () => new Date(0) });
    const outcome = await none.sendSms(SMS);
    expect(outcome).toMatchObject({ outcome: 'failed', retryable: false });
    expect(detailInEnglish(outcome.detail)).toBe('SMS is not set up for this clinic.');
    expect(detailInEnglish((await none.sendEmail({ key: 'pr_1:email', to: 'a@b.example', fromName: 'Rita', facts: FACTS })).detail)).toBe('Email is not set up for this clinic.');
  });
});
