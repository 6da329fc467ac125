/**
 * Test support: local stand-ins for the clinic's message providers, each on a free port —
 * an SMTP server (smtp-server, STARTTLS off) that keeps every raw message, and Twilio's
 * Messages API (node:http) that answers with the statuses a test gives it. Both keep
 * everything they received, for tests that read what left the desk.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SmtpStandIn {
  readonly port: number;
  /** Every message taken, raw, in order. */
  readonly messages: Buffer[];
  connections(): number;
  close(): Promise<void>;
}

/** Refuses the first `refusals` recipients with 451, then takes messages. */
export async function startSmtpStandIn(refusals = 0): Promise<SmtpStandIn> {
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
  return {
    port: (server.server.address() as { port: number }).port, messages, connections: () => connections,
    close: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}

export interface TwilioRequest {
  readonly idempotencyKey: string;
  /** The message text (the form's Body). */
  readonly body: string;
  /** The whole form as sent (To, From, Body, …). */
  readonly raw: string;
}

export interface TwilioStandIn {
  readonly baseUrl: string;
  readonly requests: TwilioRequest[];
  close(): Promise<void>;
}

/** Answers each request with the next status (201 once they run out; 'silent': no answer). */
export async function startTwilioStandIn(statuses: (number | 'silent')[] = []): Promise<TwilioStandIn> {
  const requests: TwilioRequest[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => { raw += c.toString('utf8'); });
    req.on('end', () => {
      requests.push({ idempotencyKey: String(req.headers['i-twilio-idempotency-token']), body: new URLSearchParams(raw).get('Body') ?? '', raw });
      const status = statuses.shift() ?? 201;
      if (status === 'silent') return;
      const body = status === 201 ? { sid: `SM${requests.length}`, status: 'queued', num_segments: '1' } : { code: 20500, message: `HTTP ${status} from the stand-in`, status };
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`, requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
