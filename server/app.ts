/**
 * The clinic sync server as a Fastify app: buildServer wires the store, the admin secret
 * and the clock into the routes of shared/sync/protocol.ts. It neither listens nor opens
 * the store (main.ts, embedded.ts and tests do). Imported by server/main.ts,
 * server/embedded.ts and tests.
 */
import { installProtocolVersion } from './http/protocol.js';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { deviceAuthenticator } from './http/device-auth.js';
import { installCors } from './http/cors.js';
import { installBodyDepthLimit } from './http/body-depth.js';
import { installErrorHandling } from './http/errors.js';
import { claimRoutes } from './routes/claims.js';
import { clinicRoutes } from './routes/clinics.js';
import type { RouteDeps } from './routes/deps.js';
import { deviceRoutes } from './routes/devices.js';
import { enrollmentRoutes } from './routes/enrollment.js';
import { healthRoutes } from './routes/health.js';
import { streamRoutes } from './routes/stream.js';
import { stripeWebhookRoutes } from './routes/stripe-webhook.js';
import { syncRoutes } from './routes/sync.js';
import type { TlsFiles } from './config/tls.js';
import type { Store } from './store/store.js';
import type { PushHooks } from './sync/push.js';
import { StreamHub, STREAM_LIMITS, type StreamLimits } from './sync/stream-hub.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The open event streams (for the server's own bookkeeping and tests). */
    readonly streamHub: StreamHub;
  }
}

export const BODY_LIMIT = 5 * 1024 * 1024;
export const HEARTBEAT_MS = 15_000;

export interface ServerOptions {
  readonly store: Store;
  /** Bearer secret for creating clinics. */
  readonly adminSecret: string;
  readonly now?: () => Date;
  /** Fastify's pino logger: false (default) or options. Requests are logged without headers or bodies. */
  readonly logger?: FastifyServerOptions['logger'];
  readonly heartbeatMs?: number;
  /** Tests only. */
  readonly pushHooks?: PushHooks;
  /** Open event streams allowed per device and per clinic (STREAM_LIMITS unless a test sets lower ones). */
  readonly streamLimits?: StreamLimits;
  /**
   * The signing secret (whsec_…) of the Stripe webhook endpoint pointed at POST /webhooks/stripe
   * (env STRIPE_WEBHOOK_SECRET in main.ts). Without it that route answers 503 and records nothing.
   */
  readonly stripeWebhookSecret?: string;
  /** Serve HTTPS with this PEM key and certificate (config/tls.ts); plain HTTP without. */
  readonly tls?: TlsFiles | null;
}

export function buildServer(options: ServerOptions): FastifyInstance {
  if (!options.adminSecret) throw new Error('buildServer needs an admin secret');
  const base = {
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    // In-flight requests finish on close(); event streams are ended by preClose below.
    forceCloseConnections: 'idle',
  } as const;
  // Fastify types an HTTPS app by its https.Server; the routes use only the request and reply
  // API (and reply.raw, an http.ServerResponse on both), so one type serves both.
  const app = (options.tls ? Fastify({ ...base, https: { key: options.tls.key, cert: options.tls.cert } }) : Fastify(base)) as unknown as FastifyInstance;
  app.decorateRequest('device', null);
  const hub = new StreamHub(options.streamLimits ?? STREAM_LIMITS);
  app.decorate('streamHub', hub);
  const now = options.now ?? (() => new Date());
  const deps: RouteDeps = {
    store: options.store,
    adminSecret: options.adminSecret,
    now,
    hub,
    authenticate: deviceAuthenticator(options.store, now),
    heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS,
    pushHooks: options.pushHooks ?? {},
  };
  installCors(app);
  installProtocolVersion(app);
  installErrorHandling(app, BODY_LIMIT);
  installBodyDepthLimit(app);
  app.addHook('preClose', async () => hub.endAll());

  healthRoutes(app, deps);
  clinicRoutes(app, deps);
  enrollmentRoutes(app, deps);
  deviceRoutes(app, deps);
  syncRoutes(app, deps);
  streamRoutes(app, deps);
  stripeWebhookRoutes(app, deps, options.stripeWebhookSecret);
  claimRoutes(app, deps);
  return app;
}
