/**
 * `npm run server`: the clinic's own sync server. Reads
 *   PORT (4318), HOST (127.0.0.1; 0.0.0.0 to serve the clinic's network — with TLS),
 *   FRONTDESK_TLS_KEY_FILE and FRONTDESK_TLS_CERT_FILE (PEM key and certificate: HTTPS; both or neither),
 *   DATABASE_URL (PostgreSQL; otherwise PGlite in the data folder),
 *   FRONTDESK_SERVER_DATA_DIR (default "<user-data folder>/server"; kept owner-only),
 *   FRONTDESK_SERVER_SECRET (otherwise generated once into "<data folder>/admin-secret", mode 0600;
 *     the output says where, never what),
 *   STRIPE_WEBHOOK_SECRET (the whsec_… signing secret of the Stripe endpoint for POST /webhooks/stripe;
 *     without it Stripe events are refused with 503),
 *   LOG_LEVEL (info).
 * The entry point of dist/server/main.mjs (standalone.ts does the work); nothing imports it.
 */
import { startStandaloneServer } from './standalone.js';

// This process is the server alone: whatever it creates from now on is owner-only, whichever
// library creates it (docs/decisions/0020-server-hardening.md). The desk hosting a server
// keeps its own umask; config/private-folder.ts covers both.
process.umask(0o077);

startStandaloneServer(process.env, { print: (text) => process.stdout.write(text), logStream: process.stdout }).then((server) => {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'stopping');
    server.close().then(() => process.exit(0), (err: unknown) => {
      server.app.log.error({ err }, 'failed to stop cleanly');
      process.exit(1);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}, (err: unknown) => {
  process.stderr.write(`The sync server could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
