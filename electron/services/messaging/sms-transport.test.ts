/**
 * The SMS transport against a local stand-in for Twilio's REST API (node:http), which
 * checks the request the way Twilio would and answers in Twilio's shapes.
 */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { paymentSms, type PaymentMessageFacts } from '../../../shared/domain/payment-messages.js';
import { smsSize } from '../../../shared/domain/sms-segments.js';
import { createSmsTransport, type SmsConfig } from './sms-transport.js';
import type { OutgoingSms } from './types.js';
import { detailInEnglish } from './outcome-detail.js';

const FACTS: PaymentMessageFacts = {
  clinicName: 'Fjordside Fysio', clientFirstName: 'Ingrid', invoiceNumber: 12, amountMinor: 45_000, currency: 'NOK', dueDate: '2026-12-05',
  link: 'https://pay.example/p/abc123', senderName: 'Rita Resepsjon', reader: { language: 'en', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' },
};
const SMS: OutgoingSms = { key: 'pr_01HX7Z-sms', to: '412 34 567', facts: FACTS };
const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'twilio-auth-token-very-secret';

interface Received { method: string; url: string; headers: http.IncomingHttpHeaders; form: URLSearchParams }
type Reply = (req: Received, res: http.ServerResponse) => void;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => { await Promise.all(closers.splice(0).map((c) => c())); });

async function startTwilio(reply: Reply): Promise<{ baseUrl: string; received: Received[] }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => {
      const r = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, form: new URLSearchParams(body) };
      received.push(r);
      reply(r, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  return { baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`, received };
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Answers like Twilio's Messages resource, after checking what Twilio checks. */
const twilioLike: Reply = (req, res) => {
  const expectedAuth = `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`;
  if (req.headers.authorization !== expectedAuth) return json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
  if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${SID}/Messages.json`) return json(res, 404, { code: 20404, message: 'Not found', status: 404 });
  if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') return json(res, 400, { code: 0, message: 'Bad content type', status: 400 });
  json(res, 201, { sid: 'SM00000000000000000000000000000001', status: 'queued', num_segments: '1', to: req.form.get('To'), body: req.form.get('Body') });
};

function twilioConfig(baseUrl: string, extra: Partial<SmsConfig> = {}): SmsConfig {
  return { kind: 'twilio', baseUrl, accountSid: SID, authToken: TOKEN, from: 'Fjordside', timeoutMs: 2_000, ...extra } as SmsConfig;
}

describe('SMS over the Twilio API', () => {
  it('posts To, From and Body with Basic auth and the idempotency key, and reports Twilio\'s sid', async () => {
    const twilio = await startTwilio(twilioLike);
    const outcome = await createSmsTransport(twilioConfig(twilio.baseUrl), () => new Date(0)).sendSms(SMS);

    expect(outcome).toMatchObject({ outcome: 'sent', segments: 1, providerId: 'SM00000000000000000000000000000001' });
    expect(detailInEnglish(outcome.detail)).toBe('Accepted by Twilio (queued)');
    expect(twilio.received).toHaveLength(1);
    const req = twilio.received[0]!;
    expect(req.headers['i-twilio-idempotency-token']).toBe('pr_01HX7Z-sms');
    expect(req.form.get('To')).toBe('+4741234567');
    expect(req.form.get('From')).toBe('Fjordside');
    expect(req.form.get('Body')).toBe('Fjordside Fysio: Hi Ingrid, please pay 450,00 kr (invoice 12) by 5 Dec 2026: https://pay.example/p/abc123');
  });

  it('sends the SMS in the client\'s language', async () => {
    const twilio = await startTwilio(twilioLike);
    await createSmsTransport(twilioConfig(twilio.baseUrl), () => new Date(0)).sendSms({ ...SMS, facts: { ...FACTS, reader: { ...FACTS.reader, language: 'nb' } } });
    expect(twilio.received[0]!.form.get('Body')).toBe('Fjordside Fysio: Hei Ingrid, vennligst betal 450,00 kr (faktura 12) innen 5. des. 2026: https://pay.example/p/abc123');
  });

  it('sends from a Messaging Service when From is one', async () => {
    const twilio = await startTwilio(twilioLike);
    const service = 'MG0123456789abcdef0123456789abcdef';
    await createSmsTransport(twilioConfig(twilio.baseUrl, { from: service }), () => new Date(0)).sendSms(SMS);
    expect(twilio.received[0]!.form.get('MessagingServiceSid')).toBe(service);
    expect(twilio.received[0]!.form.has('From')).toBe(false);
  });

  it('reports a 400 as failed, not retryable, in Twilio\'s words', async () => {
    const twilio = await startTwilio((_req, res) => json(res, 400, {
      code: 21211, message: "The 'To' number +4741234567 is not a valid phone number.", more_info: 'https://www.twilio.com/docs/errors/21211', status: 400,
    }));
    const outcome = await createSmsTransport(twilioConfig(twilio.baseUrl), () => new Date(0)).sendSms(SMS);
    expect(outcome).toMatchObject({ outcome: 'failed', retryable: false, segments: 1 });
    expect(detailInEnglish(outcome.detail)).toBe("Twilio refused the SMS (21211): The 'To' number +4741234567 is not a valid phone number.");
  });

  it('reports wrong credentials as failed without the token in the detail', async () => {
    const twilio = await startTwilio(twilioLike);
    const outcome = await createSmsTransport(twilioConfig(twilio.baseUrl, { authToken: 'wrong-token-value' }), () => new Date(0)).sendSms(SMS);
    expect(outcome).toMatchObject({ outcome: 'failed', retryable: false });
    expect(detailInEnglish(outcome.detail)).toBe('Twilio refused the SMS (20003): Authenticate');
    expect(JSON.stringify(outcome)).not.toContain('wrong-token-value');
  });

  it('reports 503 and 429 as failed and retryable', async () => {
    let status = 503;
    const twilio = await startTwilio((_req, res) => json(res, status, { code: 20500, message: 'Service unavailable', status }));
    expect(await createSmsTransport(twilioConfig(twilio.baseUrl), () => new Date(0)).sendSms(SMS)).toMatchObject({ outcome: 'failed', retryable: true });
    status = 429;
    expect(await createSmsTransport(twilioConfig(twilio.baseUrl), () => new Date(0)).sendSms(SMS)).toMatchObject({ outcome: 'failed', retryable: true });
  });

  it('reports unknown when Twilio takes the request and never answers', async () => {
    const twilio = await startTwilio(() => { /* never answers */ });
    const started = Date.now();
    const outcome = await createSmsTransport(twilioConfig(twilio.baseUrl, { timeoutMs: 300 }), () => new Date(0)).sendSms(SMS);
    expect(outcome).toMatchObject({ outcome: 'unknown', segments: 1 });
    expect(detailInEnglish(outcome.detail)).toMatch(/did not answer in time/);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(twilio.received).toHaveLength(1);
  });

  it('reports a refused connection as failed and retryable: nothing was sent', async () => {
    const twilio = await startTwilio(twilioLike);
    await closers.pop()!();
    const outcome = await createSmsTransport(twilioConfig(twilio.baseUrl), () => new Date(0)).sendSms(SMS);
    expect(outcome).toMatchObject({ outcome: 'failed', retryable: true });
    expect(detailInEnglish(outcome.detail)).toMatch(/ECONNREFUSED/);
  });

  it('refuses a number it cannot make sense of before sending anything', async () => {
    const twilio = await startTwilio(twilioLike);
    const outcome = await createSmsTransport(twilioConfig(twilio.baseUrl), () => new Date(0)).sendSms({ ...SMS, to: '1234' });
    expect(outcome).toMatchObject({ outcome: 'failed', retryable: false });
    expect(detailInEnglish(outcome.detail)).toBe('"1234" is not a mobile number we can send to. Write it with the country code, e.g. +47 412 34 567.');
    expect(twilio.received).toHaveLength(0);
  });

  it('counts segments with smsSize until Twilio says otherwise', async () => {
    const twilio = await startTwilio((_req, res) => json(res, 201, { sid: 'SM2', status: 'queued', num_segments: '3' }));
    const long = { ...SMS, facts: { ...FACTS, clinicName: 'Fjordside Fysioterapi og Manuellterapi — Avdeling Sentrum 🙂' } };
    expect(await createSmsTransport(twilioConfig(twilio.baseUrl), () => new Date(0)).sendSms(long)).toMatchObject({ outcome: 'sent', segments: 3 });
    // Refused before sending: the count is ours (a UCS-2 text, by the emoji).
    const ours = smsSize(paymentSms(long.facts)).segments;
    expect(ours).toBeGreaterThan(1);
    expect(await createSmsTransport(twilioConfig(twilio.baseUrl), () => new Date(0)).sendSms({ ...long, to: '12' })).toMatchObject({ outcome: 'failed', segments: ours });
  });
});
