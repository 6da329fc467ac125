/**
 * The clinic's sync server inside a desk (docs/design.md "What runs where", decision 0007):
 * PGlite in the desk's data folder, Fastify on the given port. Imported by the desk's
 * main process (electron/services/sync) and tests.
 */
import path from 'node:path';
import type { FastifyServerOptions } from 'fastify';
import { buildServer } from './app.js';
import { loadOrCreateAdminSecret } from './config/admin-secret.js';
import { openStore } from './store/open-store.js';

export interface EmbeddedServerOptions {
  readonly dataDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly host: string;
  readonly logger?: FastifyServerOptions['logger'];
  /**
   * The signing secret (whsec_…) of the Stripe webhook endpoint pointed at this server's
   * POST /webhooks/stripe, as STRIPE_WEBHOOK_SECRET is for `npm run server` (main.ts).
   * Without it Stripe's events are refused with 503, and an enrolled desk on Stripe never
   * hears that a link was paid: it leaves Stripe's events to the server (docs/decisions/0010).
   */
  readonly stripeWebhookSecret?: string;
}

export interface EmbeddedServer {
  /** e.g. "http://127.0.0.1:4318" — how this machine reaches the server. */
  readonly url: string;
  readonly adminSecret: string;
  close(): Promise<void>;
}

/** What a client on this machine dials for a listening host ("0.0.0.0" is not dialable). */
function localHost(host: string): string {
  if (host === '0.0.0.0' || host === '' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const { secret } = await loadOrCreateAdminSecret(options.dataDir);
  const store = await openStore({ pgliteDir: path.join(options.dataDir, 'pglite') });
  const app = buildServer({ store, adminSecret: secret, stripeWebhookSecret: options.stripeWebhookSecret, logger: options.logger ?? false });
  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (err) {
    await app.close().catch(() => {});
    await store.close().catch(() => {});
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${localHost(options.host)}:${port}`,
    adminSecret: secret,
    close: () => (closing ??= app.close().then(() => store.close())),
  };
}
