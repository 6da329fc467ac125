/**
 * For end-to-end tests of the browser host only: a clock the test can move, a faster
 * scheduler tick, and a local Stripe. FRONTDESK_CLOCK_FILE names a file holding an offset
 * in milliseconds (read at every call, so the test can change it while the host runs);
 * FRONTDESK_SCHEDULER_SECONDS ticks the scheduler every N seconds instead of every minute;
 * FRONTDESK_STRIPE_API (http://127.0.0.1:PORT) sends the Stripe SDK's calls to the repo's
 * Stripe test server instead of api.stripe.com. None is read by the desktop app.
 * Node-only; imported by electron/host/cli.ts.
 */
import fs from 'node:fs';
import type { StripeConnectionOptions } from '../services/payments/stripe-provider.js';

export function clockFromEnv(env: NodeJS.ProcessEnv): (() => Date) | undefined {
  const file = env.FRONTDESK_CLOCK_FILE;
  if (!file) return undefined;
  return () => {
    let offset = 0;
    try {
      offset = Number(fs.readFileSync(file, 'utf8').trim()) || 0;
    } catch {
      // No file yet: real time.
    }
    return new Date(Date.now() + offset);
  };
}

export function schedulerExpressionFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const seconds = Number(env.FRONTDESK_SCHEDULER_SECONDS);
  return Number.isInteger(seconds) && seconds > 0 && seconds < 60 ? `*/${seconds} * * * * *` : undefined;
}

/** Only a loopback address is taken: the variable can never send a clinic's key elsewhere. */
export function stripeApiFromEnv(env: NodeJS.ProcessEnv): StripeConnectionOptions | undefined {
  const raw = env.FRONTDESK_STRIPE_API;
  if (!raw) return undefined;
  const url = new URL(raw);
  if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1' || !url.port) throw new Error('FRONTDESK_STRIPE_API must be http://127.0.0.1:PORT (a local Stripe test server).');
  return { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0 };
}
