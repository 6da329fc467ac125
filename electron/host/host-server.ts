/**
 * Browser host mode: the main process's services in plain Node. Serves the built
 * renderer on 127.0.0.1 and carries the contract over a WebSocket at /link — for the
 * user who started it only (decision 0019, admission.ts): requests must name this host,
 * and carry the session cookie that the launcher's single-use opening code was traded for.
 * Node-only; imported by cli.ts and the host's tests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { machineLanguage } from '../../shared/i18n/locale.js';
import { text } from '../../shared/i18n/text.js';
import { createTranslator, type Translator } from '../../shared/i18n/translator.js';
import { contentSecurityPolicy } from '../services/csp.js';
import { createMainServices, type DemoRequest, type MainServices, type SecretRecovery } from '../services/main-services.js';
import type { EmbeddedServerOptions } from '../services/sync/sync-service.js';
import { readStaticFile } from './static-files.js';
import { attachSocketSession } from './socket-session.js';
import type { StripeConnectionOptions } from '../services/payments/stripe-provider.js';
import { createAdmission, OPENING_CODE_PARAM, type Refusal } from './admission.js';
import { createOpeningCodes } from './opening-codes.js';
import { loadOrCreateSessionKey } from './session-key.js';

export interface HostOptions {
  rendererDir: string;
  dataDir: string;
  version: string;
  /** 0 picks a free port. The renderer's data is per origin, so a desk keeps its port. */
  port: number;
  demo: DemoRequest | null;
  /** Where the embedded sync server listens when this desk hosts it. */
  embeddedServer?: EmbeddedServerOptions;
  /** The sandbox payment page's port; any free one when not given. */
  sandboxPort?: number;
  /** The scheduler's cron expression (e2e tests tick faster). */
  schedulerExpression?: string;
  /** The desk's clock; opening codes expire by it too. */
  now?: () => Date;
  /** Where the Stripe SDK connects (e2e tests: the repo's Stripe test server). */
  stripeOptions?: StripeConnectionOptions;
  log?: (line: string) => void;
  /** The command line's --reset-secret (main-services.ts SecretRecovery). */
  recoverSecret?: SecretRecovery;
}

export interface RunningHost {
  /** The app's address; it answers only a browser that has the session cookie. */
  readonly url: string;
  /** A fresh single-use opening link, for the browser the launcher opens (decision 0019). */
  openingUrl(): string;
  readonly services: MainServices;
  close(): Promise<void>;
}

export const LINK_PATH = '/link';

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? (() => new Date());
  const rendererDir = path.resolve(options.rendererDir);
  const dataDir = path.resolve(options.dataDir);
  if (dataDir === rendererDir || dataDir.startsWith(rendererDir + path.sep)) {
    throw new Error(`The data folder ${dataDir} is inside the app's files (${rendererDir}), which the host serves: choose another data folder.`);
  }
  // First, so a damaged key stops the host before any service starts (it also makes the folder private).
  const key = loadOrCreateSessionKey(dataDir);
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  let origin = '';
  let port = 0;
  // Computed per response: enrolling with a sync server changes what the page may connect to.
  const csp = (pageOrigin: string) => contentSecurityPolicy({ connect: [pageOrigin.replace('http:', 'ws:'), ...(services.syncServerUrl() ? [services.syncServerUrl()!] : [])] });

  const services = createMainServices({
    info: { version: options.version, host: 'browser-host', dataDir: options.dataDir },
    demo: options.demo,
    ...(options.embeddedServer ? { embeddedServer: options.embeddedServer } : {}),
    ...(options.sandboxPort !== undefined ? { sandboxPort: options.sandboxPort } : {}),
    ...(options.schedulerExpression ? { schedulerExpression: options.schedulerExpression } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.stripeOptions ? { stripeOptions: options.stripeOptions } : {}),
    ...(options.recoverSecret ? { recoverSecret: options.recoverSecret } : {}),
    log,
  });
  const codes = createOpeningCodes(now);
  const admission = createAdmission({ port: () => port, key, codes, log });

  server.on('request', (req, res) => {
    void (async () => {
      const host = admission.hostOf(req);
      if (host.kind === 'refuse') return refuse(req, res, host);
      // Before the code is looked at: only a browser's plain GET may trade one.
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const url = new URL(req.url ?? '/', host.origin);
      const admitted = admission.page(req, url);
      if (admitted.kind === 'refuse') return refuse(req, res, admitted);
      if (admitted.kind === 'redirect') {
        res.writeHead(303, { Location: admitted.location, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', ...(admitted.setCookie ? { 'Set-Cookie': admitted.setCookie } : {}) }).end();
        return;
      }
      // Client-side routes all load the app shell.
      const file = (await readStaticFile(rendererDir, url.pathname)) ?? (path.extname(url.pathname) === '' ? await readStaticFile(rendererDir, '/') : null);
      if (!file) {
        const tr = browserTranslator(req);
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Language': tr.language }).end(tr.t('host.notFound'));
        return;
      }
      res.writeHead(200, {
        'Content-Type': file.contentType,
        'Content-Security-Policy': csp(host.origin),
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cache-Control': file.contentType.startsWith('text/html') ? 'no-store' : 'private, max-age=31536000, immutable',
      });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch((err: unknown) => {
      log(`request failed: ${String(err)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  server.on('upgrade', (req, socket, head) => {
    const host = admission.hostOf(req);
    if (host.kind === 'refuse') return refuseSocket(req, socket, host);
    const url = new URL(req.url ?? '/', host.origin);
    const refusal = url.pathname === LINK_PATH ? admission.socket(req, host.origin) : { kind: 'refuse', status: 403, text: text('host.notLink') } as const;
    if (refusal) return refuseSocket(req, socket, refusal);
    wss.handleUpgrade(req, socket, head, (ws) => attachSocketSession(ws, services, log));
  });

  await services.start();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/`,
    openingUrl: () => `${origin}/?${OPENING_CODE_PARAM}=${codes.issue()}`,
    services,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
    },
  };
}

const REASONS: Record<Refusal['status'], string> = { 403: 'Forbidden', 421: 'Misdirected Request' };

/**
 * Words for whoever the browser is: its Accept-Language, as the machine's language is read
 * before a clinic exists (the host cannot know whose desk a stranger's page thinks it is).
 */
function browserTranslator(req: http.IncomingMessage): Translator {
  const language = machineLanguage(acceptedLanguages(req.headers['accept-language']));
  return createTranslator({ language, clinicLocale: language, timeZone: 'UTC' });
}

/** The tags of an Accept-Language header, most wanted first ("nb-NO,nb;q=0.9,en;q=0.8"). */
function acceptedLanguages(header: string | undefined): string[] {
  return (header ?? '').slice(0, 500).split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)).find(Boolean)?.[1];
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((l) => l.tag !== '' && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((l) => l.tag);
}

/** A plain message, never a page of the app, never a cookie. */
function refuse(req: http.IncomingMessage, res: http.ServerResponse, refusal: Refusal): void {
  const tr = browserTranslator(req);
  res.writeHead(refusal.status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Language': tr.language, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }).end(tr.t(refusal.text));
}

function refuseSocket(req: http.IncomingMessage, socket: Duplex, refusal: Refusal): void {
  const tr = browserTranslator(req);
  const message = tr.t(refusal.text);
  const body = Buffer.from(message);
  socket.end(`HTTP/1.1 ${refusal.status} ${REASONS[refusal.status]}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Language: ${tr.language}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${message}`);
}
