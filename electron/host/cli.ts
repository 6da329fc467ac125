/**
 * `npm start` without Electron's binary lands here: the browser host. Serves the
 * built renderer on 127.0.0.1, prints the URL and opens it in Chromium/Chrome in its
 * own profile under the data folder (--no-open turns that off).
 *
 *   --port N        fixed port (default 4317; the desk's data belongs to this origin)
 *   --demo[=N]      seed a demo clinic into an empty store (N bookings)
 *   --no-open       do not open a browser
 *   --server-port N where this desk's embedded sync server listens, if it hosts one (4318)
 * and STRIPE_WEBHOOK_SECRET: the signing secret that server checks Stripe's events with.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDataDir } from '../services/paths.js';
import { findChromium, QUIET_CHROMIUM_FLAGS } from './find-chromium.js';
import { startHost, type HostOptions } from './host-server.js';
import { parseHostArgs } from './host-args.js';
import { stripeWebhookSecretFromEnv } from '../services/sync/sync-service.js';
import { clockFromEnv, schedulerExpressionFromEnv, stripeApiFromEnv } from './test-env.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** A movable clock, a faster scheduler and a local Stripe, only when an e2e test sets them (test-env.ts). */
function testOptions(): Pick<HostOptions, 'now' | 'schedulerExpression' | 'stripeOptions'> {
  const now = clockFromEnv(process.env);
  const schedulerExpression = schedulerExpressionFromEnv(process.env);
  const stripeOptions = stripeApiFromEnv(process.env);
  return { ...(now ? { now } : {}), ...(schedulerExpression ? { schedulerExpression } : {}), ...(stripeOptions ? { stripeOptions } : {}) };
}

async function main(): Promise<void> {
  const args = parseHostArgs(process.argv.slice(2), process.env);
  const dataDir = resolveDataDir();
  fs.mkdirSync(dataDir, { recursive: true });
  const host = await startHost({
    rendererDir: path.resolve(here, '../renderer'),
    dataDir,
    version: process.env.FRONTDESK_VERSION ?? '0.0.0',
    port: args.port,
    demo: args.demo,
    sandboxPort: args.sandboxPort,
    ...testOptions(),
    embeddedServer: { port: args.serverPort, host: process.env.FRONTDESK_SERVER_HOST || '127.0.0.1', stripeWebhookSecret: stripeWebhookSecretFromEnv(process.env) },
  });
  console.log(`Clinic Front Desk (browser host mode) is running at ${host.url}`);
  console.log(`Data folder: ${dataDir}`);

  let browser: ChildProcess | null = null;
  if (args.open) {
    const chromium = findChromium();
    if (!chromium) {
      console.log('No Chromium or Chrome found to open it in: open the URL above in a Chromium-based browser.');
    } else {
      const profile = path.join(dataDir, 'browser-profile');
      const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
      browser = spawn(chromium, [...QUIET_CHROMIUM_FLAGS, ...sandbox, `--user-data-dir=${profile}`, `--app=${host.url}`], { stdio: 'ignore' });
      browser.on('error', (err) => console.log(`Could not open ${chromium}: ${err.message}. Open the URL above yourself.`));
    }
  }

  const stop = async () => {
    browser?.kill();
    await host.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  if (/EADDRINUSE/.test(message)) {
    console.error('The desk\'s port is in use: is the app already running? Close it, or start with --port <another port> (that desk keeps its own data).');
  } else {
    console.error(`Could not start the desk: ${message}`);
  }
  process.exit(1);
});
