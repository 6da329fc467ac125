/** GET /health (the process is up) and GET /ready (the store answers and is migrated). Imported by server/app.ts. */
import type { FastifyInstance } from 'fastify';
import { ROUTES } from '../../shared/sync/protocol.js';
import { errorBody } from '../http/errors.js';
import { isMigrated } from '../store/migrations.js';
import type { RouteDeps } from './deps.js';

export function healthRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(ROUTES.health, async () => ({ status: 'ok' }));
  app.get(ROUTES.ready, async (request, reply) => {
    try {
      if (await isMigrated(deps.store)) return { status: 'ready' };
    } catch (err) {
      request.log.warn({ err }, 'store not ready');
    }
    return reply.code(503).send(errorBody('not_ready', "The sync server's database is not ready yet."));
  });
}
