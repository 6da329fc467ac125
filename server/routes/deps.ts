/** What every route module gets from buildServer. Imported by server/routes and server/app.ts. */
import type { FastifyRequest } from 'fastify';
import type { Store } from '../store/store.js';
import type { StreamHub } from '../sync/stream-hub.js';
import type { PushHooks } from '../sync/push.js';

export interface RouteDeps {
  readonly store: Store;
  readonly adminSecret: string;
  readonly now: () => Date;
  readonly hub: StreamHub;
  /** Device authentication (http/device-auth.ts), as a preHandler. */
  readonly authenticate: (request: FastifyRequest) => Promise<void>;
  readonly heartbeatMs: number;
  readonly pushHooks: PushHooks;
}
