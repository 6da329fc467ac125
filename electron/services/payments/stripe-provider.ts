/**
 * The Stripe adapter of the payment provider seam (types.ts): a Checkout Session per
 * payment request attempt — single-use, for the exact amount, expiring
 * (docs/decisions/0010-stripe-checkout.md). Node-only; runs in main, which alone holds the
 * secret key (docs/design.md invariant 6): the key is never put in an error message or a log.
 * Stripe receives the amount, "Invoice N — Clinic" and our ids, nothing else (invariant 7).
 * Imported by main's services and tests.
 */
import Stripe from 'stripe';
import { RefusedError } from '../../../shared/domain/result.js';
import type { Language } from '../../../shared/i18n/catalogues/index.js';
import { text, type MessageId, type Text } from '../../../shared/i18n/text.js';
import type { LinkEnd, LinkRequest, PaymentLink, PaymentProvider, RefundRequest } from './types.js';

/** Where the SDK connects (tests point it at server/test-support/stripe-fake). */
export type StripeConnectionOptions = Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol' | 'timeout' | 'maxNetworkRetries'>;

export interface StripeProviderOptions {
  readonly secretKey: string;
  /** Where Checkout sends the client after paying, and when they go back without paying. */
  readonly successUrl: string;
  readonly cancelUrl: string;
  readonly stripeOptions?: StripeConnectionOptions;
  /** The desk's clock: a Checkout Session's expiry is worked out from it. */
  readonly now: () => Date;
}

/** Checkout Sessions live 30 minutes to 24 hours after creation. */
export const CHECKOUT_MIN_LIFETIME_MS = 30 * 60_000;
export const CHECKOUT_MAX_LIFETIME_MS = 24 * 3_600_000;
/** Our clock, Stripe's and the request's travel time differ a little: stay this far inside the window. */
export const EXPIRY_MARGIN_MS = 2 * 60_000;

/**
 * What failed, as a Text for the staff member who asked (Refund to card reaches the renderer as
 * a refusal) and in English words fit for a payment request's `problem` (a synced document).
 */
export class StripeProviderError extends RefusedError {
  constructor(
    said: Text,
    /** Stripe's error code or type, or ours ('invalid_link_request'). */
    readonly code: string,
    /** Worth trying again with the same idempotency key (network, rate limit, Stripe's side). */
    readonly retryable: boolean,
  ) {
    super({ text: said });
    this.name = 'StripeProviderError';
  }
}

/**
 * The languages Stripe Checkout speaks (the pinned SDK's SessionCreateParams.Locale, stripe
 * 23.1.0), without 'auto'. Checkout's `locale` is the client's language when Stripe has it, and
 * 'auto' (the client's browser decides) for one it lacks (docs/decisions/0033-languages.md).
 */
const CHECKOUT_LOCALES: ReadonlySet<string> = new Set([
  'bg', 'cs', 'da', 'de', 'el', 'en', 'en-GB', 'es', 'es-419', 'et', 'fi', 'fil', 'fr', 'fr-CA', 'hi-IN', 'hr', 'hu', 'id', 'it',
  'ja', 'ko', 'lt', 'lv', 'ms', 'mt', 'nb', 'nl', 'pl', 'pt', 'pt-BR', 'ro', 'ru', 'sk', 'sl', 'sv', 'th', 'tr', 'vi', 'zh', 'zh-HK', 'zh-TW',
]);

/** Checkout's `locale` for a client's language; 'auto' when Stripe lacks it or none is known. */
export function checkoutLocale(language: Language | undefined): Stripe.Checkout.SessionCreateParams.Locale {
  return language && CHECKOUT_LOCALES.has(language) ? (language as Stripe.Checkout.SessionCreateParams.Locale) : 'auto';
}

/** What the provider was doing when Stripe failed, for "… while {doing}" (a `stripe.doing.*` message). */
type Doing = 'stripe.doing.createLink' | 'stripe.doing.readRefunds' | 'stripe.doing.refund' | 'stripe.doing.checkLink' | 'stripe.doing.expireLink';

/** Stripe masks keys in its own messages; this catches any that slip through, whatever their form. */
export function withoutSecrets(text: string): string {
  return text.replace(/\b(?:sk|rk)_(?:test|live)_[A-Za-z0-9*]+/g, '[secret key]').replace(/\bwhsec_[A-Za-z0-9*]+/g, '[signing secret]');
}

/** Unix seconds for Checkout's expires_at: the link's lapse, moved inside Stripe's window. */
export function checkoutExpiry(expiresAt: string, now: Date): number {
  const wanted = Date.parse(expiresAt);
  if (Number.isNaN(wanted)) throw new StripeProviderError(text('stripe.noExpiry'), 'invalid_link_request', false);
  const earliest = now.getTime() + CHECKOUT_MIN_LIFETIME_MS + EXPIRY_MARGIN_MS;
  const latest = now.getTime() + CHECKOUT_MAX_LIFETIME_MS - EXPIRY_MARGIN_MS;
  return Math.floor(Math.min(Math.max(wanted, earliest), latest) / 1000);
}

function checkRequest(request: LinkRequest): void {
  const refuse = (id: MessageId) => { throw new StripeProviderError(text(id), 'invalid_link_request', false); };
  if (!Number.isSafeInteger(request.amountMinor) || request.amountMinor <= 0) refuse('stripe.link.notPositive');
  if (!/^[A-Za-z]{3}$/.test(request.currency)) refuse('stripe.link.noCurrency');
  if (request.description.trim() === '') refuse('stripe.link.noDescription');
  if (!request.idempotencyKey) refuse('stripe.link.noIdempotencyKey');
}

function translate(err: unknown, doing: Doing): StripeProviderError {
  if (err instanceof StripeProviderError) return err;
  if (err instanceof Stripe.errors.StripeError) {
    // Stripe's own words (English), given as they are.
    const message = withoutSecrets(err.message || 'no details');
    const code = err.code ?? err.type;
    if (err instanceof Stripe.errors.StripeAuthenticationError) {
      return new StripeProviderError(text('stripe.keyRefused', { doing: text(doing) }), code, false);
    }
    if (err instanceof Stripe.errors.StripeConnectionError) return new StripeProviderError(text('stripe.unreachable', { doing: text(doing) }), code, true);
    const retryable = err instanceof Stripe.errors.StripeRateLimitError || err instanceof Stripe.errors.StripeAPIError || (err.statusCode ?? 0) >= 500;
    return new StripeProviderError(text('stripe.refused', { doing: text(doing), message }), code, retryable);
  }
  // Not Stripe's: say what we were doing, never echo what we sent.
  return new StripeProviderError(text('stripe.unexpected', { doing: text(doing) }), 'unexpected', true);
}

export function createStripeProvider(options: StripeProviderOptions): PaymentProvider {
  if (!options.secretKey) throw new StripeProviderError(text('stripe.noKey'), 'no_key', false);
  const now = options.now;
  const stripe = new Stripe(options.secretKey, {
    maxNetworkRetries: 2,
    ...options.stripeOptions,
    // Telemetry headers would tell Stripe about this machine; nothing leaves that need not.
    telemetry: false,
  });

  return {
    kind: 'stripe',

    async createLink(request: LinkRequest): Promise<PaymentLink> {
      checkRequest(request);
      // Our ids only: the session's events and its payment's charge carry them back to us.
      const metadata = { clinic_id: request.clinicId, invoice_id: request.invoiceId, payment_request_id: request.requestId };
      const params: Stripe.Checkout.SessionCreateParams = {
        mode: 'payment',
        line_items: [{
          // Our currencies all have two decimals, so minor units are Stripe's unit_amount as they are.
          price_data: { currency: request.currency.toLowerCase(), unit_amount: request.amountMinor, product_data: { name: request.description } },
          quantity: 1,
        }],
        // No payment_method_types: Stripe's dynamic payment methods offer cards, Apple Pay,
        // Google Pay and Klarna as the clinic enabled them in its dashboard.
        expires_at: checkoutExpiry(request.expiresAt, now()),
        metadata,
        payment_intent_data: { metadata },
        success_url: options.successUrl,
        cancel_url: options.cancelUrl,
        // Checkout in the client's language, as their email and SMS are.
        locale: checkoutLocale(request.language),
      };
      let session: Stripe.Checkout.Session;
      try {
        session = await stripe.checkout.sessions.create(params, { idempotencyKey: request.idempotencyKey });
      } catch (err) {
        throw translate(err, 'stripe.doing.createLink');
      }
      if (!session.url) throw new StripeProviderError(text('stripe.noUrl'), 'no_url', false);
      return { url: session.url, providerRef: session.id, expiresAt: new Date(session.expires_at * 1000).toISOString() };
    },

    async refundable(paymentRef: string, paidMinor: number): Promise<number> {
      let refunded = 0;
      try {
        for await (const r of stripe.refunds.list({ payment_intent: paymentRef, limit: 100 })) {
          if (r.status !== 'failed' && r.status !== 'canceled') refunded += r.amount;
        }
      } catch (err) {
        throw translate(err, 'stripe.doing.readRefunds');
      }
      return Math.max(0, paidMinor - refunded);
    },

    async refund(request: RefundRequest): Promise<unknown> {
      if (!Number.isSafeInteger(request.amountMinor) || request.amountMinor <= 0) throw new StripeProviderError(text('stripe.refundNotPositive'), 'invalid_refund', false);
      try {
        return await stripe.refunds.create(
          { payment_intent: request.paymentRef, amount: request.amountMinor, reason: 'requested_by_customer', metadata: { ...request.metadata } },
          { idempotencyKey: request.idempotencyKey },
        );
      } catch (err) {
        throw translate(err, 'stripe.doing.refund');
      }
    },

    async expireLink(providerRef: string): Promise<LinkEnd> {
      const read = () => stripe.checkout.sessions.retrieve(providerRef).then(
        (session) => session.status,
        (err: unknown) => { throw translate(err, 'stripe.doing.checkLink'); },
      );
      // Looked at first: a desk closes a link when the invoice is paid, and the payment may be
      // this link's own (its status not yet synced here). Stripe refuses to expire a session
      // that is not open; asking first sends it nothing it will refuse.
      const before = await read();
      if (before === 'complete') return 'completed';
      if (before === 'expired') return 'expired';
      try {
        // One key per session: expiring twice is one request as far as Stripe is concerned.
        await stripe.checkout.sessions.expire(providerRef, {}, { idempotencyKey: `expire:${providerRef}` });
        return 'expired';
      } catch (err) {
        if (!(err instanceof Stripe.errors.StripeInvalidRequestError) || err.statusCode === 404) throw translate(err, 'stripe.doing.expireLink');
        // Completed or expired in between. Which, is read from the session, not from the wording of the message.
        const status = await read();
        if (status === 'complete') return 'completed';
        if (status === 'expired') return 'expired';
        throw translate(err, 'stripe.doing.expireLink');
      }
    },
  };
}
