/**
 * The email transport against a real SMTP conversation: smtp-server on a free local port,
 * the raw message parsed back with mailparser and its QR code decoded back to the link.
 */
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import type { PaymentMessageFacts } from '../../../shared/domain/payment-messages.js';
import { createEmailTransport, type EmailConfig } from './email-transport.js';
import type { OutgoingEmail } from './types.js';
import { detailInEnglish } from './outcome-detail.js';

const FACTS: PaymentMessageFacts = {
  clinicName: 'Fjordside Fysio', clientFirstName: 'Ingrid', invoiceNumber: 12, amountMinor: 45_000, currency: 'NOK', dueDate: '2026-12-05',
  link: 'https://pay.example/p/abc123', senderName: 'Rita Resepsjon', reader: { language: 'en', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' },
};
const EMAIL: OutgoingEmail = { key: 'pr_01HX7Z-email', to: 'ingrid@client.example', fromName: 'Rita Resepsjon', facts: FACTS };
const PASSWORD = 'hunter2-very-secret';

interface TestServer { readonly port: number; readonly messages: Buffer[]; close(): Promise<void> }
const servers: TestServer[] = [];
afterEach(async () => { await Promise.all(servers.splice(0).map((s) => s.close())); });

/** smtp-server on a free port; STARTTLS off (its self-signed certificate is not the point here). */
async function startSmtp(options: Partial<SMTPServerOptions> = {}): Promise<TestServer & { sockets: Set<Socket> }> {
  const messages: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server = new SMTPServer({
    authOptional: true, secure: false, disabledCommands: ['STARTTLS'], allowInsecureAuth: true, logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'desk@fjordside.example' && auth.password === PASSWORD) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => { messages.push(Buffer.concat(chunks)); callback(); });
    },
    ...options,
  });
  server.on('error', () => { /* a client that hangs up is part of some tests */ });
  server.server.on('connection', (s: Socket) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  const handle = {
    port, messages, sockets,
    close: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
  servers.push(handle);
  return handle;
}

function smtpConfig(port: number, extra: Partial<Extract<EmailConfig, { kind: 'smtp' }>> = {}): EmailConfig {
  return { kind: 'smtp', host: '127.0.0.1', port, secure: false, user: 'desk@fjordside.example', password: PASSWORD, fromAddress: 'post@fjordside.example', ...extra };
}

async function decodeQr(png: Buffer): Promise<string | null> {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

function qrAttachment(mail: ParsedMail) {
  return mail.attachments.find((a) => a.cid === 'payment-qr');
}

describe('email over SMTP', () => {
  it('sends the payment email in the staff member\'s name, with text, a Pay now link and the QR code inline', async () => {
    const server = await startSmtp();
    const outcome = await createEmailTransport(smtpConfig(server.port)).sendEmail(EMAIL);

    expect(outcome).toMatchObject({ outcome: 'sent', segments: 1, providerId: '<frontdesk.pr_01HX7Z-email@fjordside.example>' });
    expect(detailInEnglish(outcome.detail)).toMatch(/^Accepted by 127\.0\.0\.1/);
    expect(server.messages).toHaveLength(1);
    // skipImageLinks keeps cid: as sent (mailparser would inline it as a data: URI).
    const mail = await simpleParser(server.messages[0]!, { skipImageLinks: true });
    expect(mail.subject).toBe('Payment request from Fjordside Fysio');
    expect(mail.from?.value).toEqual([{ name: 'Rita Resepsjon', address: 'post@fjordside.example' }]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null).toBe('ingrid@client.example');
    expect(mail.messageId).toBe('<frontdesk.pr_01HX7Z-email@fjordside.example>');
    expect(mail.headers.get('x-frontdesk-key')).toBe('pr_01HX7Z-email');
    expect(mail.text).toContain('Hi Ingrid,');
    expect(mail.text).toMatch(/Amount to pay: 450,00\skr by 5 Dec 2026\./);
    expect(mail.text).toContain('Pay now: https://pay.example/p/abc123');
    expect(mail.html).toMatch(/<a href="https:\/\/pay\.example\/p\/abc123"[^>]*>Pay now<\/a>/);
    expect(mail.html).toContain('src="cid:payment-qr"');

    const qr = qrAttachment(mail);
    expect(qr).toMatchObject({ contentType: 'image/png', contentDisposition: 'inline', related: true });
    expect(await decodeQr(qr!.content)).toBe('https://pay.example/p/abc123');
  });

  it('reports a 550 refusal of the recipient as failed, not retryable, in the server\'s words', async () => {
    const server = await startSmtp({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
      },
    });
    const outcome = await createEmailTransport(smtpConfig(server.port)).sendEmail(EMAIL);
    expect(outcome).toMatchObject({ outcome: 'failed', retryable: false, segments: 1 });
    expect(detailInEnglish(outcome.detail)).toContain('550');
    expect(detailInEnglish(outcome.detail)).toContain('No such user here');
    expect(server.messages).toHaveLength(0);
  });

  it('reports a 4xx refusal as failed and retryable', async () => {
    const server = await startSmtp({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('4.2.1 Mailbox busy, try later'), { responseCode: 450 }));
      },
    });
    const outcome = await createEmailTransport(smtpConfig(server.port)).sendEmail(EMAIL);
    expect(outcome).toMatchObject({ outcome: 'failed', retryable: true });
    expect(detailInEnglish(outcome.detail)).toContain('Mailbox busy');
  });

  it('reports unknown when the connection drops after the message was handed over, before the reply', async () => {
    const server = await startSmtp({
      onData(stream) {
        // Take the whole message, then vanish without answering: it may be delivered.
        stream.on('data', () => {});
        stream.on('end', () => { for (const s of server.sockets) s.destroy(); });
      },
    });
    const outcome = await createEmailTransport(smtpConfig(server.port)).sendEmail(EMAIL);
    expect(outcome).toMatchObject({ outcome: 'unknown', segments: 1 });
    expect(detailInEnglish(outcome.detail)).toMatch(/may have accepted it/);
  });

  it('reports unknown when the server takes the message and then stays silent past the timeout', async () => {
    const server = await startSmtp({ onData(stream) { stream.on('data', () => {}); } });
    const outcome = await createEmailTransport(smtpConfig(server.port, { timeoutMs: 400 })).sendEmail(EMAIL);
    expect(outcome.outcome).toBe('unknown');
  });

  it('reports a drop during the envelope as failed and retryable: the server cannot have the message yet', async () => {
    // nodemailer pipelines MAIL FROM, RCPT TO and DATA: the DATA command is already out here.
    const server = await startSmtp({
      onRcptTo() { for (const s of server.sockets) s.destroy(); },
    });
    const outcome = await createEmailTransport(smtpConfig(server.port)).sendEmail(EMAIL);
    expect(outcome).toMatchObject({ outcome: 'failed', retryable: true });
    expect(detailInEnglish(outcome.detail)).toMatch(/before the email was sent/);
  });

  it('reports a refused connection as failed and retryable: nothing was sent', async () => {
    const server = await startSmtp();
    const port = server.port;
    await server.close();
    servers.length = 0;
    const outcome = await createEmailTransport(smtpConfig(port)).sendEmail(EMAIL);
    expect(outcome).toMatchObject({ outcome: 'failed', retryable: true });
    expect(detailInEnglish(outcome.detail)).toMatch(/^The mail server refused the connection before the email was sent \(127\.0\.0\.1\)\.$/);
  });

  it('never puts the password in an outcome, even when the server echoes it back', async () => {
    const server = await startSmtp({
      onAuth(auth, _session, callback) {
        const plain = Buffer.from(`\0${auth.username}\0${auth.password ?? ''}`).toString('base64');
        callback(Object.assign(new Error(`Authentication failed for ${auth.password} (${plain})`), { responseCode: 535 }));
      },
    });
    const outcome = await createEmailTransport(smtpConfig(server.port)).sendEmail(EMAIL);
    expect(outcome).toMatchObject({ outcome: 'failed', retryable: false });
    const words = detailInEnglish(outcome.detail);
    expect(words).toContain('535');
    expect(words).toContain('[redacted]');
    expect(words).not.toContain(PASSWORD);
    const echoedPlain = Buffer.from(`\0desk@fjordside.example\0${PASSWORD}`).toString('base64');
    expect(words).not.toContain(echoedPlain.slice(-16));
    // Nor in the detail as it is kept (a Text, its values the server's words).
    expect(JSON.stringify(outcome.detail)).not.toContain(PASSWORD);
    expect(JSON.stringify(outcome.detail)).not.toContain(echoedPlain.slice(-16));
  });

  it('refuses a missing or malformed address before connecting', async () => {
    const server = await startSmtp();
    const transport = createEmailTransport(smtpConfig(server.port));
    const none = await transport.sendEmail({ ...EMAIL, to: '  ' });
    expect(none).toMatchObject({ outcome: 'failed', retryable: false });
    expect(detailInEnglish(none.detail)).toBe('The client has no email address.');
    const malformed = await transport.sendEmail({ ...EMAIL, to: 'ingrid at home' });
    expect(malformed).toMatchObject({ outcome: 'failed', retryable: false });
    expect(detailInEnglish(malformed.detail)).toBe('"ingrid at home" is not an email address.');
    expect(server.messages).toHaveLength(0);
  });
});

describe('email in the client\'s language', () => {
  it('sends the payment email in bokmål to a client who reads bokmål, with lang="nb" and the same QR code', async () => {
    const server = await startSmtp();
    const nb: OutgoingEmail = { ...EMAIL, facts: { ...FACTS, reader: { ...FACTS.reader, language: 'nb' } } };
    expect((await createEmailTransport(smtpConfig(server.port)).sendEmail(nb)).outcome).toBe('sent');
    const mail = await simpleParser(server.messages[0]!, { skipImageLinks: true });
    expect(mail.subject).toBe('Betalingslenke fra Fjordside Fysio');
    expect(mail.text).toContain('Hei Ingrid,');
    expect(mail.text).toMatch(/Beløp å betale: 450,00\skr innen 5\. des\. 2026\./);
    expect(mail.text).toContain('Betal nå: https://pay.example/p/abc123');
    expect(mail.html).toContain('<html lang="nb">');
    expect(mail.html).toMatch(/<a href="https:\/\/pay\.example\/p\/abc123"[^>]*>Betal nå<\/a>/);
    expect(await decodeQr(qrAttachment(mail)!.content)).toBe('https://pay.example/p/abc123');
  });
});

describe('clinic notices', () => {
  it('sends a plain note to the clinic over SMTP, with its key for exactly-once', async () => {
    const server = await startSmtp();
    const outcome = await createEmailTransport(smtpConfig(server.port)).sendNotice({
      key: 'notice:link-pi_1', to: 'post@fjordside.example', fromName: 'Fjordside Fysio', subject: 'Paid by link: 300,00 kr, invoice 12', text: 'Ingrid Berg paid 300,00 kr for invoice 12 by payment link.',
    });
    expect(outcome.outcome).toBe('sent');
    const mail = await simpleParser(server.messages[0]!);
    expect(mail.subject).toBe('Paid by link: 300,00 kr, invoice 12');
    expect(mail.text).toContain('Ingrid Berg paid 300,00 kr for invoice 12');
    expect(mail.attachments).toHaveLength(0);
    expect(mail.headers.get('x-frontdesk-key')).toBe('notice:link-pi_1');
  });
});
