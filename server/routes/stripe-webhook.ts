/**
 * POST /webhooks/stripe: Stripe's event deliveries for the payment links the desks
 * created (docs/decisions/0010-stripe-checkout.md). The signature is checked on the raw
 * body with the endpoint's signing secret (STRIPE_WEBHOOK_SECRET); a forged or stale
 * delivery gets 400 and writes nothing. A verified event is mapped (shared/domain/stripe-events.ts)
 * and applied in one transaction (payments/apply-stripe-event.ts); the desks hear of it on
 * their change stream. Events that are not ours, or name a clinic or payment request this
 * server does not hold, are acknowledged (200) and logged, so Stripe does not retry them
 * for days. Only a failure to write answers 5xx, and then Stripe's retry is what we want.
 * Imported by server/app.ts.
 */
import type { FastifyInstance } from 'fastify';
import Stripe from 'stripe';
import { HttpError } from '../http/errors.js';
import { applyStripeEvent, applyStripeRefunds } from '../payments/apply-stripe-event.js';
import { mapStripeEvent } from '../../shared/domain/stripe-events.js';
import type { RouteDeps } from './deps.js';

export const STRIPE_WEBHOOK_ROUTE = '/webhooks/stripe';
/** Stripe's own default: a signature older than five minutes is a replay. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
/** Stripe's events are a few kilobytes; anything near this is not from Stripe. */
const WEBHOOK_BODY_LIMIT = 256 * 1024;

const NOT_CONFIGURED = 'This sync server has no Stripe webhook signing secret (STRIPE_WEBHOOK_SECRET), so it cannot accept Stripe events.';
const BAD_SIGNATURE = 'The Stripe-Signature header does not match this body, or is too old; nothing was recorded.';

export function stripeWebhookRoutes(app: FastifyInstance, deps: RouteDeps, signingSecret: string | undefined): void {
  // An encapsulated scope: only this route reads JSON as raw bytes (the signature covers
  // the exact bytes Stripe sent; re-serialised JSON would not verify).
  app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) => done(null, body));

    scope.post(STRIPE_WEBHOOK_ROUTE, async (request) => {
      if (!signingSecret) throw new HttpError(503, 'webhooks_not_configured', NOT_CONFIGURED);
      const raw = request.body;
      const signature = request.headers['stripe-signature'];
      if (!Buffer.isBuffer(raw) || typeof signature !== 'string' || signature === '') throw new HttpError(400, 'bad_signature', BAD_SIGNATURE);

      let event: Stripe.Event;
      try {
        event = Stripe.webhooks.constructEvent(raw, signature, signingSecret, SIGNATURE_TOLERANCE_SECONDS, undefined, deps.now().getTime());
      } catch {
        // Neither the secret nor the body goes to the log.
        request.log.warn('stripe webhook: signature did not verify');
        throw new HttpError(400, 'bad_signature', BAD_SIGNATURE);
      }

      const mapped = mapStripeEvent(event);
      if (mapped.kind === 'ignore') {
        request.log.info({ stripeEvent: event.id, type: event.type, reason: mapped.reason }, 'stripe webhook: ignored');
        return { received: true, outcome: 'ignored' };
      }
      const result = mapped.kind === 'refunds'
        ? await applyStripeRefunds(deps.store, mapped, event.type, deps.now())
        : await applyStripeEvent(deps.store, mapped, event.type, deps.now());
      // After COMMIT: a desk told to pull will find the rows.
      if (result.changed) deps.hub.publish(result.clinicId, { type: 'changed', collections: result.changed.collections, seq: result.changed.seq });
      const fields = {
        stripeEvent: event.id, type: event.type, clinicId: result.clinicId,
        ...(mapped.kind === 'apply' ? { requestId: mapped.requestId } : { paymentIntent: mapped.paymentRef }), detail: result.detail,
      };
      if (result.outcome === 'unmatched') request.log.warn(fields, 'stripe webhook: unmatched, acknowledged');
      else request.log.info(fields, `stripe webhook: ${result.outcome}`);
      return { received: true, outcome: result.outcome };
    });
  });
}
