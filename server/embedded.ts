/**
 * The clinic's sync server inside a desk (docs/design.md "What runs where", decision 0007):
 * PGlite in the desk's data folder, Fastify on the given port. The folder is kept owner-only
 * (config/private-store.ts) without touching the umask, which belongs to the desk's process.
 * Imported by the desk's main process (electron/services/sync) and tests.
 */
import path from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildServer } from './app.js';
import { loadOrCreateAdminSecret } from './config/admin-secret.js';
import type { Repeat } from './config/private-folder.js';
import { openPrivateStore } from './config/private-store.js';
import type { TlsFiles } from './config/tls.js';
import { listenUrl } from './http/listen-url.js';

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
  /** Serve HTTPS (config/tls.ts reads them from FRONTDESK_TLS_KEY_FILE / FRONTDESK_TLS_CERT_FILE). */
  readonly tls?: TlsFiles | null;
  /** How the data folder's permission sweep repeats (tests run it by hand). */
  readonly repeat?: Repeat;
}

export interface EmbeddedServer {
  /** e.g. "http://127.0.0.1:4318" — how this machine reaches the server. */
  readonly url: string;
  readonly adminSecret: string;
  close(): Promise<void>;
}

export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  let app: FastifyInstance | null = null;
  const { store, stopSweeping } = await openPrivateStore(
    options.dataDir, { pgliteDir: path.join(options.dataDir, 'pglite') },
    (err) => app?.log.error({ err }, 'could not keep the data folder private'), options.repeat,
  );
  const stop = async () => {
    stopSweeping();
    await app?.close();
    await store.close();
  };
  try {
    const { secret } = await loadOrCreateAdminSecret(options.dataDir);
    app = buildServer({ store, adminSecret: secret, stripeWebhookSecret: options.stripeWebhookSecret, tls: options.tls, logger: options.logger ?? false });
    await app.listen({ port: options.port, host: options.host });
    let closing: Promise<void> | null = null;
    return { url: listenUrl(app, options.host, Boolean(options.tls), options.port), adminSecret: secret, close: () => (closing ??= stop()) };
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
}
