/**
 * A real SMTP server for the e2e suites (smtp-server), collecting the mail it receives
 * parsed by mailparser. Plain SMTP on 127.0.0.1: its certificate is not the point.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './desk.js';

export const SMTP_USER = 'desk@fjordside.example';
export const SMTP_PASSWORD = 'smtp-secret';

export interface TestSmtp {
  readonly port: number;
  /** Every mail received so far, oldest first. */
  readonly mail: ParsedMail[];
  /** The mail received for this address. */
  to(address: string): ParsedMail[];
  stop(): Promise<void>;
}

/** Listens on a free port; accepts SMTP_USER / SMTP_PASSWORD only. */
export async function startSmtp(): Promise<TestSmtp> {
  const mail: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true, secure: false, disabledCommands: ['STARTTLS'], allowInsecureAuth: true, logger: false,
    onAuth(auth, _session, callback) {
      callback(auth.username === SMTP_USER && auth.password === SMTP_PASSWORD ? null : new Error('Invalid login'), { user: auth.username });
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((parsed) => { mail.push(parsed); callback(); }, callback);
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    mail,
    to: (address) => mail.filter((m) => JSON.stringify(m.to ?? '').includes(address)),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
