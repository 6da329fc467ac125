/**
 * Browser host mode: the main process's services in plain Node. Serves the built
 * renderer on 127.0.0.1 and carries the contract over a WebSocket at /link. Only
 * pages from this origin that know this run's token may connect. Node-only.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { contentSecurityPolicy } from '../services/csp.js';
import { createMainServices, type DemoRequest, type MainServices } from '../services/main-services.js';
import type { EmbeddedServerOptions } from '../services/sync/sync-service.js';
import { readStaticFile } from './static-files.js';
import { attachSocketSession } from './socket-session.js';
import type { StripeConnectionOptions } from '../services/payments/stripe-provider.js';

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
  now?: () => Date;
  /** Where the Stripe SDK connects (e2e tests: the repo's Stripe test server). */
  stripeOptions?: StripeConnectionOptions;
  log?: (line: string) => void;
}

export interface RunningHost {
  readonly url: string;
  readonly services: MainServices;
  close(): Promise<void>;
}

export const LINK_PATH = '/link';
const TOKEN_META = '<meta name="frontdesk-link-token" content="">';

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const log = options.log ?? ((line: string) => console.log(line));
  const token = crypto.randomBytes(24).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  let origin = '';
  // Computed per response: enrolling with a sync server changes what the page may connect to.
  const csp = () => contentSecurityPolicy({ connect: [origin.replace('http:', 'ws:'), ...(services.syncServerUrl() ? [services.syncServerUrl()!] : [])] });

  const services = createMainServices({
    info: { version: options.version, host: 'browser-host', dataDir: options.dataDir },
    demo: options.demo,
    ...(options.embeddedServer ? { embeddedServer: options.embeddedServer } : {}),
    ...(options.sandboxPort !== undefined ? { sandboxPort: options.sandboxPort } : {}),
    ...(options.schedulerExpression ? { schedulerExpression: options.schedulerExpression } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.stripeOptions ? { stripeOptions: options.stripeOptions } : {}),
    log,
  });

  server.on('request', (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      // Client-side routes all load the app shell.
      const file = (await readStaticFile(rendererDir, url.pathname)) ?? (path.extname(url.pathname) === '' ? await readStaticFile(rendererDir, '/') : null);
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      let body = file.body;
      if (file.contentType.startsWith('text/html')) {
        body = Buffer.from(body.toString('utf8').replace(TOKEN_META, `<meta name="frontdesk-link-token" content="${token}">`));
      }
      res.writeHead(200, {
        'Content-Type': file.contentType,
        'Content-Security-Policy': csp(),
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cache-Control': file.contentType.startsWith('text/html') ? 'no-store' : 'public, max-age=31536000, immutable',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    })().catch((err: unknown) => {
      log(`request failed: ${String(err)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const tokenOk = timingSafeEqual(url.searchParams.get('token') ?? '', token);
    if (url.pathname !== LINK_PATH || req.headers.origin !== origin || !tokenOk) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attachSocketSession(ws, services, log));
  });

  await services.start();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/`,
    services,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
    },
  };
}

function timingSafeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}
