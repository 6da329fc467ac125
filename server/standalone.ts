/**
 * `npm run server` put together (main.ts runs it with process.env and process.stdout): reads
 * the environment, loads the TLS key and certificate, keeps the data folder owner-only, opens
 * the store and listens. The admin secret is never printed or logged; the output says which
 * owner-only file holds it (docs/decisions/0020-server-hardening.md). Imported by
 * server/main.ts and tests.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from './app.js';
import { loadOrCreateAdminSecret } from './config/admin-secret.js';
import { resolveServerDataDir } from './config/paths.js';
import { makePrivate, type Repeat } from './config/private-folder.js';
import { openPrivateStore } from './config/private-store.js';
import { tlsFromEnv } from './config/tls.js';
import { listenUrl, loopbackOnly } from './http/listen-url.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';

const PLAIN_HTTP_ON_NETWORK = 'The sync server is open to the network over plain HTTP: desk tokens and the clinic\'s records cross it unencrypted. ' +
  'Set FRONTDESK_TLS_KEY_FILE and FRONTDESK_TLS_CERT_FILE (README "The sync server on the clinic\'s network"), or put a TLS proxy in front.';

export interface StandaloneOutput {
  /** Words for the operator's terminal. */
  readonly print: (text: string) => void;
  /** Where the server's JSON log lines go. */
  readonly logStream: { write(line: string): void };
}

export interface StandaloneServer {
  readonly url: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

function listenAddress(env: NodeJS.ProcessEnv): { port: number; host: string } {
  const port = Number(env.PORT ?? 4318);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return { port, host: env.HOST?.trim() || '127.0.0.1' };
}

/** The admin secret from FRONTDESK_SERVER_SECRET, else from its file; `file` says where it is kept. */
async function adminSecretFor(env: NodeJS.ProcessEnv, dataDir: string): Promise<{ secret: string; created: boolean; file: string | null }> {
  const given = env.FRONTDESK_SERVER_SECRET?.trim();
  if (given) return { secret: given, created: false, file: null };
  await makePrivate(dataDir); // on PostgreSQL the folder holds only this file, but it still must be private
  return loadOrCreateAdminSecret(dataDir);
}

/** PostgreSQL when DATABASE_URL is set (the data folder then holds only the admin secret), PGlite in the data folder otherwise. */
async function storeFor(env: NodeJS.ProcessEnv, dataDir: string, onSweepError: (err: unknown) => void, repeat?: Repeat): Promise<{ store: Store; stopSweeping: () => void }> {
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl) return { store: await openStore({ databaseUrl }), stopSweeping: () => {} };
  return openPrivateStore(dataDir, { pgliteDir: path.join(dataDir, 'pglite') }, onSweepError, repeat);
}

export async function startStandaloneServer(env: NodeJS.ProcessEnv, output: StandaloneOutput, repeat?: Repeat): Promise<StandaloneServer> {
  const { port, host } = listenAddress(env);
  // Read before anything is written, so a wrong TLS setting leaves no trace behind.
  const tls = await tlsFromEnv(env);
  const dataDir = resolveServerDataDir(env);
  let app: FastifyInstance | null = null;
  const { store, stopSweeping } = await storeFor(env, dataDir, (err) => app?.log.error({ err }, 'could not keep the data folder private'), repeat);
  const stop = async () => {
    stopSweeping();
    await app?.close();
    await store.close();
  };
  try {
    const admin = await adminSecretFor(env, dataDir);
    app = buildServer({
      store, adminSecret: admin.secret, tls,
      stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET?.trim() || undefined,
      logger: { level: env.LOG_LEVEL ?? 'info', stream: output.logStream },
    });
    await app.listen({ port, host });
    const url = listenUrl(app, host, Boolean(tls), port);
    app.log.info({ url, storage: store.kind, dataDir: store.kind === 'pglite' ? dataDir : undefined, tls: Boolean(tls) }, 'clinic sync server ready');
    if (!tls && !loopbackOnly(host)) {
      // Allowed (a clinic may put its own TLS proxy in front), but never quietly.
      app.log.warn({ host }, PLAIN_HTTP_ON_NETWORK);
      output.print(`\n${PLAIN_HTTP_ON_NETWORK}\n\n`);
    }
    if (admin.file) {
      app.log.info({ adminSecretFile: admin.file }, "the admin secret (needed to create a clinic) is in this file, readable by the server's user only");
      if (admin.created) output.print(`\nThe sync server made its admin secret (needed to create a clinic). It is in\n\n  ${admin.file}\n\nreadable only by this user. Open that file when a desk asks for it.\n\n`);
    }
    let closing: Promise<void> | null = null;
    return { url, app, close: () => (closing ??= stop()) };
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
}
