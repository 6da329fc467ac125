/**
 * Objects shaped exactly like Stripe's: each starts from Stripe's own published example
 * (stripe-fixtures.json: the checkout.session, event, charge, refund and payment_intent
 * entries of Stripe's OpenAPI fixtures3.json, MIT, see STRIPE-FIXTURES-LICENSE) and
 * overrides the fields that matter here. The examples carry filler values (a shipping cost,
 * a customer email, promotion texts) that a real session of ours would not have: those are
 * reset too. Imported by the local Stripe test server only.
 */
import { readFileSync } from 'node:fs';

export type Json = Record<string, unknown>;

interface Examples {
  readonly 'checkout.session': Json;
  readonly event: Json;
  readonly charge: Json;
  readonly refund: Json;
  readonly payment_intent: Json;
}

const EXAMPLES = JSON.parse(readFileSync(new URL('./stripe-fixtures.json', import.meta.url), 'utf8')) as Examples;

const example = (name: keyof Examples): Json => structuredClone(EXAMPLES[name]);

export interface SessionFields {
  readonly id: string;
  readonly created: number;
  readonly expiresAt: number;
  readonly amountTotal: number;
  readonly currency: string;
  readonly metadata: Record<string, string>;
  readonly successUrl: string;
  readonly cancelUrl: string | null;
  readonly url: string;
  /** Checkout's `locale` as created (null: not given). */
  readonly locale?: string | null;
}

export function checkoutSession(f: SessionFields): Json {
  const s = example('checkout.session');
  return {
    ...s,
    id: f.id,
    object: 'checkout.session',
    created: f.created,
    expires_at: f.expiresAt,
    amount_subtotal: f.amountTotal,
    amount_total: f.amountTotal,
    currency: f.currency,
    metadata: { ...f.metadata },
    mode: 'payment',
    livemode: false,
    // Created when the client confirms a payment (API versions since 2022-08-01).
    payment_intent: null,
    payment_status: 'unpaid',
    status: 'open',
    success_url: f.successUrl,
    cancel_url: f.cancelUrl,
    url: f.url,
    locale: f.locale ?? null,
    client_reference_id: null,
    customer: null,
    customer_details: null,
    customer_email: null,
    collected_information: null,
    after_expiration: null,
    allow_promotion_codes: null,
    consent: null,
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    invoice_creation: { enabled: false, invoice_data: (s.invoice_creation as Json | null)?.invoice_data ?? null },
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    currency_conversion: null,
    adaptive_pricing: { enabled: false },
    managed_payments: { enabled: false },
    // Required by the pinned SDK's Session type, though Stripe's published example predates it.
    allowed_payment_method_types: null,
  };
}

/** The session once the client paid (or started a delayed payment) on the pay page. */
export function completedSession(session: Json, paymentIntent: string, paymentStatus: 'paid' | 'unpaid'): Json {
  const s = example('checkout.session');
  return {
    ...session,
    status: 'complete',
    payment_status: paymentStatus,
    payment_intent: paymentIntent,
    // The example's details, without a name or address: we never read them.
    customer_details: { ...(s.customer_details as Json), email: null, name: null },
    url: null,
  };
}

export interface ChargeFields {
  readonly id: string;
  readonly created: number;
  readonly amount: number;
  readonly amountRefunded: number;
  readonly currency: string;
  readonly paymentIntent: string;
  readonly metadata: Record<string, string>;
  /** Newest first, as Stripe lists them; null: leave `refunds` out (API versions since 2022-11-15). */
  readonly refunds: Json[] | null;
}

export function charge(f: ChargeFields): Json {
  const c = example('charge');
  const out: Json = {
    ...c,
    id: f.id,
    object: 'charge',
    created: f.created,
    amount: f.amount,
    amount_captured: f.amount,
    amount_refunded: f.amountRefunded,
    captured: true,
    paid: true,
    refunded: f.amountRefunded >= f.amount,
    currency: f.currency,
    payment_intent: f.paymentIntent,
    // Charges created by a payment intent carry its metadata.
    metadata: { ...f.metadata },
    description: null,
    billing_details: { ...(c.billing_details as Json), name: null, email: null },
    receipt_email: null,
    source: null,
    transfer_data: null,
    status: 'succeeded',
    livemode: false,
  };
  if (f.refunds) out.refunds = { object: 'list', data: f.refunds, has_more: false, url: `/v1/charges/${f.id}/refunds` };
  else delete out.refunds;
  return out;
}

export function refund(f: { id: string; created: number; amount: number; currency: string; charge: string; paymentIntent: string; status: string; metadata: Record<string, string> }): Json {
  return {
    ...example('refund'),
    id: f.id, object: 'refund', created: f.created, amount: f.amount, currency: f.currency,
    charge: f.charge, payment_intent: f.paymentIntent, status: f.status, metadata: { ...f.metadata },
  };
}

export function event(f: { id: string; type: string; created: number; object: Json; apiVersion: string }): Json {
  return {
    ...example('event'),
    id: f.id,
    object: 'event',
    type: f.type,
    created: f.created,
    api_version: f.apiVersion,
    data: { object: structuredClone(f.object) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  };
}
