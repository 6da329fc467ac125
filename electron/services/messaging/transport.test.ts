/**
 * The combined transport: retries only what is safe to retry, and the canary for docs/design.md
 * invariant 7 — health information around an invoice never reaches the email or the SMS.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import type { PaymentMessageFacts } from '../../../shared/domain/payment-messages.js';
import { createMessageTransport, retryWithBackoff } from './transport.js';
import type { OutgoingSms, SendOutcome } from './types.js';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'twilio-auth-token-very-secret';
const FACTS: PaymentMessageFacts = {
  clinicName: 'Fjordside Fysio', clientFirstName: 'Ingrid', invoiceNumber: 12, amount: '450,00 kr', dueDate: '5. des. 2026',
  link: 'https://pay.example/p/abc123', senderName: 'Rita Resepsjon',
};
const SMS: OutgoingSms = { key: 'pr_1:sms', to: '41234567', facts: FACTS };

const closers: (() => Promise<void>)[] = [];
afterEach(async () => { await Promise.all(closers.splice(0).map((c) => c())); });

/** A Twilio stand-in that answers each request with the next status (201 once they run out). */
async function startTwilio(statuses: (number | 'silent')[]) {
  const requests: { idempotencyKey: string; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => { raw += c.toString('utf8'); });
    req.on('end', () => {
      requests.push({ idempotencyKey: String(req.headers['i-twilio-idempotency-token']), body: new URLSearchParams(raw).get('Body') ?? '' });
      const status = statuses.shift() ?? 201;
      if (status === 'silent') return;
      const body = status === 201 ? { sid: `SM${requests.length}`, status: 'queued', num_segments: '1' } : { code: 20500, message: `HTTP ${status} from the stand-in`, status };
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  return { baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`, requests };
}

/** smtp-server that refuses the first `refusals` recipients with 451, then takes messages. */
async function startSmtp(refusals = 0) {
  const messages: Buffer[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = new SMTPServer({
    authOptional: true, secure: false, disabledCommands: ['STARTTLS'], logger: false,
    onConnect(_session, callback) { connections += 1; callback(); },
    onRcptTo(_address, _session, callback) {
      if (refusals-- > 0) callback(Object.assign(new Error('4.7.1 Greylisted, try again later'), { responseCode: 451 }));
      else callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => { messages.push(Buffer.concat(chunks)); callback(); });
    },
  });
  server.on('error', () => {});
  server.server.on('connection', (s: Socket) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }));
  return { port: (server.server.address() as { port: number }).port, messages, connections: () => connections };
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
    const failing: SendOutcome = { outcome: 'failed', retryable: true, detail: 'busy', segments: 1 };
    const outcome = await retryWithBackoff(async () => { calls += 1; return failing; }, { attempts: 3, baseMs: 100, sleep: async (ms) => { waits.push(ms); } });
    expect(outcome).toBe(failing);
    expect(calls).toBe(3);
    expect(waits).toEqual([100, 200]);
  });

  it('answers "not set up" for a channel the clinic has not configured, without throwing', async () => {
    const none = createMessageTransport({ email: null, sms: null, now: () => new Date(0) });
    expect(await none.sendSms(SMS)).toMatchObject({ outcome: 'failed', retryable: false, detail: 'SMS is not set up for this clinic.' });
  });
});

describe('no health information leaves the clinic (docs/design.md invariant 7)', () => {
  it('keeps diagnosis, service, practitioner and surname out of the raw email, its attachments and the SMS', async () => {
    // What surrounds a payment request in the desk's data.
    const client = { firstName: 'Ingrid', lastName: 'Nordmann', email: 'ingrid@client.example', phone: '412 34 567' };
    const practitioner = { name: 'Petter Praktiker' };
    const booking = { notes: 'Diagnosis: lumbago', practitionerName: practitioner.name };
    const invoice = { number: 12, dueDate: '5. des. 2026', lines: [{ description: 'Sports massage 60 min', amount: '450,00 kr' }] };
    const canaries = [booking.notes, 'lumbago', invoice.lines[0]!.description, 'Sports massage', practitioner.name, 'Praktiker', client.lastName];

    // The facts as a caller builds them: only the fields PaymentMessageFacts allows.
    const facts: PaymentMessageFacts = {
      clinicName: 'Fjordside Fysio', clientFirstName: client.firstName, invoiceNumber: invoice.number,
      amount: invoice.lines[0]!.amount, dueDate: invoice.dueDate, link: 'https://pay.example/p/abc123', senderName: 'Rita Resepsjon',
    };
    const smtp = await startSmtp();
    const twilio = await startTwilio([]);
    const both = transport(twilio.baseUrl, smtp.port);
    expect(await both.sendEmail({ key: 'pr_1:email', to: client.email, fromName: facts.senderName, facts })).toMatchObject({ outcome: 'sent' });
    expect(await both.sendSms({ key: 'pr_1:sms', to: client.phone, facts })).toMatchObject({ outcome: 'sent' });

    const raw = smtp.messages[0]!.toString('utf8');
    const mail = await simpleParser(smtp.messages[0]!, { skipImageLinks: true });
    const decodedAttachments = mail.attachments.map((a) => {
      const png = PNG.sync.read(a.content);
      return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? '';
    });
    expect(decodedAttachments).toEqual(['https://pay.example/p/abc123']);
    const headers = [...mail.headers.entries()].map(([name, value]) => `${name}: ${JSON.stringify(value)}`).join('\n');
    const everything = [raw, headers, mail.subject ?? '', mail.text ?? '', String(mail.html), ...decodedAttachments, twilio.requests[0]!.body].join('\n').toLowerCase();
    expect(twilio.requests[0]!.body).toContain('https://pay.example/p/abc123');
    for (const canary of canaries) expect(everything, canary).not.toContain(canary.toLowerCase());
  });
});
