/**
 * `npm start` without Electron's binary lands here: the browser host. Serves the
 * built renderer on 127.0.0.1, prints the URL and opens it in Chromium/Chrome in its
 * own profile under the data folder (--no-open turns that off). The browser is opened at
 * a single-use opening link, the only way in besides the session key file (decision 0019);
 * Enter in the terminal opens another window. Without a browser to open, the link is
 * printed, and Enter prints a new one.
 *
 *   --port N        fixed port (default 4317; the desk's data belongs to this origin)
 *   --demo[=N]      seed a demo clinic into an empty store (N bookings)
 *   --no-open       do not open a browser
 *   --server-port N where this desk's embedded sync server listens, if it hosts one (4318)
 *   --reset-secret NAME  a new PIN or password for NAME (the only admin forgot theirs): typed
 *                   in the terminal, or FRONTDESK_NEW_SECRET; set as the desk opens (README "Signing in")
 * and STRIPE_WEBHOOK_SECRET: the signing secret that server checks Stripe's events with;
 * FRONTDESK_SERVER_HOST, FRONTDESK_TLS_KEY_FILE and FRONTDESK_TLS_CERT_FILE: where it listens,
 * and HTTPS for it (README "The sync server on the clinic's network").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { resolveDataDir } from '../services/paths.js';
import { findChromium, QUIET_CHROMIUM_FLAGS } from './find-chromium.js';
import { startHost, type HostOptions, type RunningHost } from './host-server.js';
import { CODE_LIFETIME_MS } from './opening-codes.js';
import { parseHostArgs } from './host-args.js';
import { newSecretFor } from './ask-secret.js';
import { tlsFromEnv } from '../../server/config/tls.js';
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
  // Created (0700) and made private by the host's services.
  const dataDir = resolveDataDir();
  const recoverSecret = args.resetSecretOf === null ? undefined : {
    name: args.resetSecretOf,
    secret: await newSecretFor(args.resetSecretOf, process.env),
    report: (line: string) => console.log(line),
  };
  if (recoverSecret) console.log(`The new PIN or password for ${recoverSecret.name} is set when the desk opens.`);
  const host = await startHost({
    ...(recoverSecret ? { recoverSecret } : {}),
    rendererDir: path.resolve(here, '../renderer'),
    dataDir,
    version: process.env.FRONTDESK_VERSION ?? '0.0.0',
    port: args.port,
    demo: args.demo,
    sandboxPort: args.sandboxPort,
    ...testOptions(),
    // Only browser host mode lets the hosted server listen beyond this machine, so only it takes TLS.
    embeddedServer: {
      port: args.serverPort, host: process.env.FRONTDESK_SERVER_HOST || '127.0.0.1',
      stripeWebhookSecret: stripeWebhookSecretFromEnv(process.env), tls: await tlsFromEnv(process.env),
    },
  });
  console.log(`Clinic Front Desk (browser host mode) is running at ${host.url}`);
  console.log(`Data folder: ${dataDir}`);

  let browser: ChildProcess | null = null;
  const chromium = args.open ? findChromium() : null;
  if (chromium) {
    const profile = path.join(dataDir, 'browser-profile');
    const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    // Each window gets its own code: a closed window's session cookie is gone with it.
    const openWindow = () => {
      browser = spawn(chromium, [...QUIET_CHROMIUM_FLAGS, ...sandbox, `--user-data-dir=${profile}`, `--app=${host.openingUrl()}`], { stdio: 'ignore' });
      browser.on('error', (err) => {
        console.log(`Could not open ${chromium}: ${err.message}.`);
        printOpeningLink(host);
      });
    };
    openWindow();
    onEnter('Press Enter to open the desk\'s window again.', openWindow);
  } else {
    if (args.open) console.log('No Chromium or Chrome found to open it in: use a Chromium-based browser.');
    printOpeningLink(host);
    onEnter('Press Enter for a new link.', () => printOpeningLink(host));
  }

  const stop = async () => {
    browser?.kill();
    await host.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

function printOpeningLink(host: RunningHost): void {
  console.log(`Open the desk at this link within ${CODE_LIFETIME_MS / 1000} s; it works once: ${host.openingUrl()}`);
}

/** Only in a terminal: under a test runner or a service manager there is no one to press it. */
function onEnter(hint: string, action: () => void): void {
  if (!process.stdin.isTTY) return;
  console.log(hint);
  readline.createInterface({ input: process.stdin }).on('line', action);
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
