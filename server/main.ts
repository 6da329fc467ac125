/**
 * `npm run server`: the clinic's own sync server. Reads
 *   PORT (4318), HOST (127.0.0.1; 0.0.0.0 to serve the clinic's network),
 *   DATABASE_URL (PostgreSQL; otherwise PGlite in the data folder),
 *   FRONTDESK_SERVER_DATA_DIR (default "<user-data folder>/server"),
 *   FRONTDESK_SERVER_SECRET (otherwise generated once, kept in the data folder, printed at first start),
 *   STRIPE_WEBHOOK_SECRET (the whsec_… signing secret of the Stripe endpoint for POST /webhooks/stripe;
 *     without it Stripe events are refused with 503).
 * The entry point of dist/server/main.mjs; nothing imports it.
 */
import path from 'node:path';
import { buildServer } from './app.js';
import { loadOrCreateAdminSecret } from './config/admin-secret.js';
import { resolveServerDataDir } from './config/paths.js';
import { openStore } from './store/open-store.js';

async function main(): Promise<void> {
  const env = process.env;
  const port = Number(env.PORT ?? 4318);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const host = env.HOST?.trim() || '127.0.0.1';
  const dataDir = resolveServerDataDir(env);

  let adminSecret = env.FRONTDESK_SERVER_SECRET?.trim() ?? '';
  if (!adminSecret) {
    const stored = await loadOrCreateAdminSecret(dataDir);
    adminSecret = stored.secret;
    if (stored.created) {
      // Printed once, to the operator's terminal; never logged through pino.
      process.stdout.write(`\nThe sync server's admin secret (needed to create a clinic):\n\n  ${adminSecret}\n\nIt is kept in ${stored.file}.\n\n`);
    }
  }

  const databaseUrl = env.DATABASE_URL?.trim();
  const store = await openStore(databaseUrl ? { databaseUrl } : { pgliteDir: path.join(dataDir, 'pglite') });
  const stripeWebhookSecret = env.STRIPE_WEBHOOK_SECRET?.trim() || undefined;
  const app = buildServer({ store, adminSecret, stripeWebhookSecret, logger: { level: env.LOG_LEVEL ?? 'info' } });
  await app.listen({ port, host });
  app.log.info({ storage: store.kind, dataDir: databaseUrl ? undefined : dataDir }, 'clinic sync server ready');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    app.close().then(() => store.close()).then(() => process.exit(0), (err) => {
      app.log.error({ err }, 'failed to stop cleanly');
      process.exit(1);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`The sync server could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
