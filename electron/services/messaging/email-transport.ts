/**
 * Sends one payment email: through the clinic's SMTP server, or into the outbox folder as
 * an .eml file (for a desk without SMTP, demos and tests). Node-only (main process and the
 * browser host); imported by transport.ts. The SMTP password stays in here: it is never
 * logged, and is removed from any server text an outcome repeats (docs/design.md invariant 6).
 */
import { createTransport, type SendMailOptions } from 'nodemailer';
import type { OutgoingEmail, OutgoingNotice, SendOutcome } from './types.js';
import { composePaymentEmail, KEY_HEADER, messageIdFor } from './email-message.js';
import { writeOutboxFile } from './outbox-files.js';
import { smtpFailure } from './smtp-outcome.js';
import { redactDetail } from './outcome-detail.js';
import { text, type Text } from '../../../shared/i18n/text.js';

export type EmailConfig =
  | {
    readonly kind: 'smtp'; readonly host: string; readonly port: number; readonly secure: boolean;
    readonly user: string; readonly password: string; readonly fromAddress: string;
    /** How long the server may stay silent at any step (ms); 60 s by default. */
    readonly timeoutMs?: number;
  }
  | { readonly kind: 'outbox'; readonly dir: string; readonly fromAddress: string };

export interface EmailTransport {
  sendEmail(message: OutgoingEmail): Promise<SendOutcome>;
  /** A plain note to the clinic itself (e.g. "a link was paid"). */
  sendNotice(notice: OutgoingNotice): Promise<SendOutcome>;
}

const EMAIL_ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;

export function createEmailTransport(config: EmailConfig): EmailTransport {
  const send = config.kind === 'smtp' ? smtpSender(config) : outboxSender(config);
  return {
    async sendEmail(message) {
      // Refused before anything is composed or sent (docs/design.md invariant 8).
      if (!message.to.trim()) return refused(text('email.detail.noAddress'));
      if (!EMAIL_ADDRESS.test(message.to.trim())) return refused(text('email.detail.notAnAddress', { address: message.to }));
      if (!message.key.trim()) return refused(text('msg.detail.noKey'));
      return send(message.key, () => composePaymentEmail(message, config.fromAddress));
    },
    async sendNotice(notice) {
      if (!EMAIL_ADDRESS.test(notice.to.trim())) return refused(text('email.detail.notAnAddress', { address: notice.to }));
      return send(notice.key, async () => ({
        from: { name: notice.fromName, address: config.fromAddress }, to: notice.to.trim(), subject: notice.subject, text: notice.text,
        messageId: messageIdFor(notice.key, config.fromAddress), headers: { [KEY_HEADER]: notice.key.replace(/[\r\n]+/g, ' ') },
      }));
    },
  };
}

function refused(detail: Text): SendOutcome {
  return { outcome: 'failed', retryable: false, detail, segments: 1 };
}

function smtpSender(config: Extract<EmailConfig, { kind: 'smtp' }>) {
  const timeoutMs = config.timeoutMs ?? 60_000;
  const secrets = [config.password];
  return async (_key: string, compose: () => Promise<SendMailOptions>): Promise<SendOutcome> => {
    // Whether the message was handed over decides between "failed" and "unknown" when the
    // connection drops. That point is the server's 354 (go ahead with the message) or,
    // for servers that answer DATA with 250, nodemailer finishing the message stream.
    // Not the DATA command itself: with PIPELINING it leaves together with MAIL FROM, long
    // before the server could have a message. nodemailer reports these steps only to its
    // logger, so each send gets its own transport (one connection per email anyway) and a
    // logger that watches for them and never records anything, credentials included.
    let handedOver = false;
    const watch = (entry: unknown, text: unknown) => {
      const tnx = (entry as { tnx?: unknown } | undefined)?.tnx;
      if (tnx === 'message' || (tnx === 'server' && typeof text === 'string' && /^354\b/.test(text))) handedOver = true;
    };
    const transport = createTransport({
      host: config.host, port: config.port, secure: config.secure,
      auth: config.user ? { user: config.user, pass: config.password } : undefined,
      connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs,
      transactionLog: true,
      logger: { trace: watch, debug: watch, info: watch, warn: watch, error: watch, fatal: watch },
    });
    try {
      const mail = await compose();
      const info = await transport.sendMail(mail);
      const queued = info.serverMessageId ? String(info.serverMessageId) : '';
      const detail = text('email.detail.accepted', { host: config.host, queueId: queued, queued: queued ? 'yes' : 'no' });
      return { outcome: 'sent', detail: redactDetail(detail, secrets), segments: 1, providerId: info.messageId };
    } catch (error) {
      const outcome = smtpFailure(error, config.host, handedOver);
      return { ...outcome, detail: redactDetail(outcome.detail, secrets) };
    } finally {
      transport.close();
    }
  };
}

function outboxSender(config: Extract<EmailConfig, { kind: 'outbox' }>) {
  // streamTransport + buffer gives the raw RFC 822 message nodemailer would hand to SMTP.
  const transport = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return async (key: string, compose: () => Promise<SendMailOptions>): Promise<SendOutcome> => {
    try {
      const mail = await compose();
      const info = await transport.sendMail(mail);
      const raw = Buffer.isBuffer(info.message) ? info.message : Buffer.from(String(info.message));
      const written = await writeOutboxFile(config.dir, key, 'eml', raw);
      const detail = text(written === 'written' ? 'msg.detail.outboxWritten' : 'msg.detail.outboxExists');
      return { outcome: 'sent', detail, segments: 1, providerId: info.messageId };
    } catch (error) {
      // A full disk or a folder without write access: nothing was written, so a retry is safe.
      return { outcome: 'failed', retryable: true, detail: text('email.detail.outboxFailed', { error: (error as Error).message }), segments: 1 };
    }
  };
}
