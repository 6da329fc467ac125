/**
 * Exactly once to the patient (docs/design.md invariant 5), across desks: before a desk sends
 * a payment link, reminder or notice on a channel, it claims the job here; a desk that
 * loses the claim sends nothing. Scoped to the device's clinic. Imported by server/app.ts.
 */
import type { FastifyInstance } from 'fastify';
import { text } from '../../shared/i18n/text.js';
import { ROUTES } from '../../shared/sync/protocol.js';
import { claimSend, finishSend, unfinishedSends } from '../data/send-claims.js';
import { deviceOf } from '../http/device-auth.js';
import { badRequest, notFound } from '../http/errors.js';
import { stringField } from '../http/validate.js';
import type { RouteDeps } from './deps.js';

const OUTCOMES: ReadonlySet<string> = new Set(['sent', 'failed', 'unknown']);

function keyOf(body: unknown): string {
  const key = stringField(body, 'key', 'serverError.field.claimKey', 120);
  if (!/^[A-Za-z0-9_.:-]+$/.test(key)) throw badRequest(text('serverError.claim.badKey'), 'invalid_claim_key');
  return key;
}

export function claimRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.post(ROUTES.claims, { preHandler: deps.authenticate }, async (request) => {
    const device = deviceOf(request);
    return { won: await claimSend(deps.store, device.clinicId, keyOf(request.body), device.id, deps.now()) };
  });

  app.post(ROUTES.finishClaim, { preHandler: deps.authenticate }, async (request) => {
    const device = deviceOf(request);
    const outcome = stringField(request.body, 'outcome', 'serverError.field.claimOutcome', 20);
    if (!OUTCOMES.has(outcome)) throw badRequest(text('serverError.claim.badOutcome'), 'invalid_outcome');
    const done = await finishSend(deps.store, device.clinicId, keyOf(request.body), device.id, outcome as 'sent' | 'failed' | 'unknown');
    if (!done) throw notFound(text('serverError.claim.notHeld'), 'claim_not_found');
    return { ok: true };
  });

  app.get(ROUTES.unfinishedClaims, { preHandler: deps.authenticate }, async (request) => {
    const device = deviceOf(request);
    return { keys: await unfinishedSends(deps.store, device.clinicId, device.id) };
  });
}
