/**
 * Replication routes: pull from a checkpoint and push rows, per collection
 * (shared/sync/protocol.ts). Scoped to the device's clinic; a push that changed
 * something tells the clinic's open streams. Imported by server/app.ts.
 */
import type { FastifyInstance } from 'fastify';
import { ROUTES, type CommandOutcome, type PullResponse, type PushResponse } from '../../shared/sync/protocol.js';
import { pullDocuments } from '../data/documents.js';
import { deviceOf } from '../http/device-auth.js';
import { markDeskSince } from '../data/devices.js';
import { collectionParam, parseCommandsBody, parsePushBody, pullLimitParam, seqParam } from '../http/validate.js';
import { applyPush, applyWholeCommand } from '../sync/push.js';
import { upgradePushRows } from '../sync/upgrade-push.js';
import { deskProtocolOf } from '../http/protocol.js';
import type { RouteDeps } from './deps.js';

export function syncRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.post(
    ROUTES.commands,
    { preHandler: deps.authenticate },
    async (request): Promise<{ outcomes: CommandOutcome[] }> => {
      const device = deviceOf(request);
      const protocol = deskProtocolOf(request);
      const commands = parseCommandsBody(request.body).map((c) => ({ id: c.id, parts: c.parts.map((p) => ({ collection: p.collection, row: upgradePushRows(p.collection, [p.row], protocol)[0]! })) }));
      const now = deps.now();
      const deskSince = device.deskSince ?? await markDeskSince(deps.store, device.id, now);
      const ctx = { clinicId: device.clinicId, deviceId: device.id, deskId: device.deskId, deskSince, foundingDesk: device.founding, now };
      const outcomes: CommandOutcome[] = [];
      for (const command of commands) {
        const done = await applyWholeCommand(deps.store, ctx, command.id, command.parts);
        if (done.lastSeq !== null) deps.hub.publish(device.clinicId, { type: 'changed', collections: [...done.collections], seq: done.lastSeq });
        outcomes.push(done.outcome);
      }
      return { outcomes };
    },
  );

  app.get<{ Params: { collection: string }; Querystring: Record<string, string | undefined> }>(
    '/v1/sync/:collection/pull',
    { preHandler: deps.authenticate },
    async (request): Promise<PullResponse> => {
      const device = deviceOf(request);
      const collection = collectionParam(request.params.collection);
      const seq = seqParam(request.query.seq);
      const limit = pullLimitParam(request.query.limit);
      const page = await pullDocuments(deps.store, device.clinicId, collection, seq, limit);
      return { documents: page.documents, checkpoint: { seq: page.seq } };
    },
  );

  app.post<{ Params: { collection: string } }>(
    '/v1/sync/:collection/push',
    { preHandler: deps.authenticate },
    async (request): Promise<PushResponse> => {
      const device = deviceOf(request);
      const collection = collectionParam(request.params.collection);
      const rows = upgradePushRows(collection, parsePushBody(request.body), deskProtocolOf(request));
      const now = deps.now();
      // Who made each change is read from the change itself, never from who is signed in now (invariant 11).
      const deskSince = device.deskSince ?? await markDeskSince(deps.store, device.id, now);
      const ctx = { clinicId: device.clinicId, deviceId: device.id, deskId: device.deskId, deskSince, foundingDesk: device.founding, collection, now };
      const outcome = await applyPush(deps.store, ctx, rows, deps.pushHooks);
      // After COMMIT: a desk told to pull will find the rows.
      // A command's parts may have been written in other collections too (server/sync/commands.ts).
      if (outcome.lastSeq !== null) deps.hub.publish(device.clinicId, { type: 'changed', collections: [...outcome.collections], seq: outcome.lastSeq });
      return outcome.response;
    },
  );
}
