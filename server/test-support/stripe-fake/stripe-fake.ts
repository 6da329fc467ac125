/**
 * A local Stripe for tests: a node:http server with the endpoints we use —
 *   POST /v1/checkout/sessions, POST /v1/checkout/sessions/:id/expire,
 *   GET /v1/checkout/sessions/:id, GET /v1/events, POST and GET /v1/refunds —
 * that checks every request the way Stripe does (checks.ts, form.ts: bearer sk_test_ key,
 * form encoding, Idempotency-Key on every POST with Stripe's replay and idempotency_error
 * rules) and answers with objects built from Stripe's own examples (fixtures.ts). It records
 * every request it received, so a test can assert on exactly what left the clinic.
 *
 * It also plays the customer and Stripe's back office: complete a session (paid, or a
 * delayed payment that later succeeds or fails), let it expire, refund it — each makes the
 * event Stripe would, listed by GET /v1/events and deliverable as a signed webhook — or
 * delivered at once, as Stripe does, to the endpoint named in the options (`webhook`).
 * Point the Stripe SDK at it with { host: '127.0.0.1', port, protocol: 'http' }.
 * Imported by tests only.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { checkCheckoutCreate, checkQuery, failure, type StripeFailure } from './checks.js';
import { charge, checkoutSession, completedSession, event as eventObject, refund as refundObject, type Json } from './fixtures.js';
import { parseStripeForm, type FormObject } from './form.js';

export const FAKE_SECRET_KEY = 'sk_test_51FakeClinicFrontDeskKey000000000000';
export const FAKE_WEBHOOK_SECRET = 'whsec_fake_clinic_front_desk_webhook_secret';

export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The raw body (form-encoded for POSTs). */
  readonly body: string;
  /** The parsed form parameters (POST) or query (GET), when they parsed. */
  readonly params: FormObject | null;
  readonly status: number;
}

export interface StripeFakeOptions {
  /** The one key it accepts (a test-mode secret key). */
  readonly secretKey?: string;
  /** Its clock (sessions' created/expires_at, events' created, webhook timestamps). */
  readonly now?: () => Date;
  /**
   * Include `refunds` in charges, as API versions before 2022-11-15 did (and an endpoint pinned
   * to one still does). Default false, as Stripe at the pinned version: a desk asks GET
   * /v1/refunds, the sync server records each refund from its refund.* event.
   */
  readonly chargeRefundsList?: boolean;
  /** The status a new refund gets: 'succeeded' (cards, mostly) or 'pending' (some methods, and until the bank confirms). */
  readonly refundStatus?: 'succeeded' | 'pending';
  /** A webhook endpoint: every event is POSTed there, signed with its secret, as it happens. */
  readonly webhook?: { readonly url: string; readonly secret: string };
}

/** One webhook delivery to the configured endpoint: its HTTP status, or 0 when it could not connect. */
export interface DeliveryAttempt {
  readonly eventId: string;
  readonly type: string;
  readonly status: number;
}

export interface WebhookDelivery {
  readonly payload: string;
  readonly headers: Record<string, string>;
}

interface SessionState {
  session: Json;
  readonly paymentIntentMetadata: Record<string, string>;
  chargeId: string | null;
  refunds: Json[];
}

interface IdempotentResult {
  readonly method: string;
  readonly path: string;
  readonly fingerprint: string;
  readonly status: number;
  readonly body: unknown;
}

/**
 * Ids as long as Stripe's: a Checkout Session's is `cs_test_` and 58 more characters; others
 * about 24. Length limits on our side are exercised with the real sizes.
 */
const ID_LENGTHS: Readonly<Record<string, number>> = { cs: 58 };
const id = (prefix: string) => `${prefix}_test_${randomBytes(48).toString('base64url').replace(/[-_]/g, 'x').slice(0, ID_LENGTHS[prefix] ?? 24)}`;

export class StripeFake {
  readonly secretKey: string;
  readonly requests: RecordedRequest[] = [];
  /** Every event so far, oldest first. */
  readonly events: Json[] = [];
  /** Every webhook delivery to `options.webhook`, in order. */
  readonly deliveries: DeliveryAttempt[] = [];
  private readonly sessions = new Map<string, SessionState>();
  private readonly idempotency = new Map<string, IdempotentResult>();
  private readonly now: () => Date;
  private readonly chargeRefundsList: boolean;
  private readonly refundStatus: 'succeeded' | 'pending';
  private readonly webhook: StripeFakeOptions['webhook'];
  /** Deliveries go one at a time, in event order. */
  private delivering: Promise<void> = Promise.resolve();
  private server: http.Server | null = null;
  private port = 0;

  constructor(options: StripeFakeOptions = {}) {
    this.secretKey = options.secretKey ?? FAKE_SECRET_KEY;
    this.now = options.now ?? (() => new Date());
    this.chargeRefundsList = options.chargeRefundsList ?? false;
    this.refundStatus = options.refundStatus ?? 'succeeded';
    this.webhook = options.webhook;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await this.delivering;
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Stripe SDK options that send its requests here. */
  get stripeOptions(): { host: string; port: number; protocol: 'http' } {
    return { host: '127.0.0.1', port: this.port, protocol: 'http' };
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private nowSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }

  // ---- HTTP --------------------------------------------------------------------------

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const method = req.method ?? 'GET';
      const url = req.url ?? '/';
      let params: FormObject | null = null;
      let status: number;
      let payload: unknown;
      const extraHeaders: Record<string, string> = {};
      try {
        const answer = this.route(method, url, headers, body, (p) => { params = p; }, extraHeaders);
        status = answer.status;
        payload = answer.body;
      } catch (err) {
        status = 500;
        payload = { error: { type: 'api_error', message: `The local Stripe test server failed: ${(err as Error).message}` } };
      }
      this.requests.push({ method, url, headers, body, params, status });
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req'), 'stripe-version': Stripe.API_VERSION, ...extraHeaders });
      res.end(JSON.stringify(payload));
    });
  }

  private route(
    method: string, rawUrl: string, headers: Record<string, string>, body: string,
    recordParams: (p: FormObject) => void, extraHeaders: Record<string, string>,
  ): { status: number; body: unknown } {
    const fail = (f: StripeFailure) => ({ status: f.status, body: { error: f.error } });
    const auth = this.checkAuth(headers.authorization);
    if (auth) return fail(auth);
    const url = new URL(rawUrl, 'http://stripe.local');
    const path = url.pathname;

    if (method === 'GET') {
      const query = url.searchParams;
      const parsed = parseStripeForm(url.search.slice(1));
      if (parsed.ok) recordParams(parsed.params);
      const session = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
      if (session) {
        const bad = checkQuery(query, new Set(['expand']));
        if (bad) return fail(bad);
        const state = this.sessions.get(decodeURIComponent(session[1]!));
        if (!state) return fail(failure(404, `No such checkout.session: '${session[1]}'`, { code: 'resource_missing', param: 'session' }));
        return { status: 200, body: state.session };
      }
      if (path === '/v1/events') return this.listEvents(query);
      if (path === '/v1/refunds') return this.listRefunds(query);
      return fail(failure(404, `Unrecognized request URL (GET: ${path}).`));
    }
    if (method !== 'POST') return fail(failure(405, `Unrecognized request URL (${method}: ${path}).`));

    // Stripe reads form bodies only.
    const type = headers['content-type'] ?? '';
    if (body !== '' && !type.startsWith('application/x-www-form-urlencoded')) {
      return fail(failure(400, 'Invalid request: Stripe expects application/x-www-form-urlencoded bodies.'));
    }
    const parsed = parseStripeForm(body);
    if (!parsed.ok) return fail(failure(400, parsed.message, { param: parsed.param }));
    recordParams(parsed.params);
    // Not required by Stripe, but by us: every POST must be safe to retry (docs/design.md invariant 5).
    const key = headers['idempotency-key'];
    if (!key) return fail(failure(400, 'This server requires an Idempotency-Key header on every POST.', { code: 'idempotency_key_missing' }));
    if (key.length > 255) return fail(failure(400, 'Idempotency keys can be at most 255 characters long.', { code: 'idempotency_key_too_long' }));
    const fingerprint = canonical(parsed.params);
    const seen = this.idempotency.get(key);
    if (seen) {
      if (seen.method !== method || seen.path !== path || seen.fingerprint !== fingerprint) {
        return fail({
          status: 400,
          error: {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          },
        });
      }
      extraHeaders['idempotent-replayed'] = 'true';
      return { status: seen.status, body: seen.body };
    }

    let answer: { status: number; body: unknown };
    const expire = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path);
    if (path === '/v1/checkout/sessions') answer = this.createSession(parsed.params);
    else if (path === '/v1/refunds') answer = this.refundByApi(parsed.params);
    else if (expire) answer = this.expireByApi(decodeURIComponent(expire[1]!), parsed.params);
    else return fail(failure(404, `Unrecognized request URL (POST: ${path}).`));
    // Stripe keeps the result of a request that ran; one refused by validation is not kept.
    if (answer.status < 400) this.idempotency.set(key, { method, path, fingerprint, status: answer.status, body: answer.body });
    return answer;
  }

  private checkAuth(header: string | undefined): StripeFailure | null {
    const m = header ? /^Bearer (\S+)$/.exec(header) : null;
    if (!m) {
      return failure(401, "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
    }
    const key = m[1]!;
    if (!key.startsWith('sk_test_') || key !== this.secretKey) {
      // Stripe shows only the last four characters of a wrong key.
      return failure(401, `Invalid API Key provided: ${key.slice(0, 8)}****${key.slice(-4)}`, { code: 'api_key_invalid' });
    }
    return null;
  }

  private createSession(params: FormObject): { status: number; body: unknown } {
    const checked = checkCheckoutCreate(params, this.nowSeconds());
    if (!checked.ok) return { status: checked.failure.status, body: { error: checked.failure.error } };
    const c = checked.value;
    const sessionId = id('cs');
    const session = checkoutSession({
      id: sessionId, created: this.nowSeconds(), expiresAt: c.expiresAt, amountTotal: c.amountTotal, currency: c.currency,
      // Stripe's pay page address carries a long fragment after the session id (some 350 characters in all).
      metadata: c.metadata, successUrl: c.successUrl, cancelUrl: c.cancelUrl, locale: c.locale, url: `https://checkout.stripe.com/c/pay/${sessionId}#${randomBytes(240).toString('base64url').slice(0, 280)}`,
    });
    this.sessions.set(sessionId, { session, paymentIntentMetadata: c.paymentIntentMetadata, chargeId: null, refunds: [] });
    return { status: 200, body: session };
  }

  private expireByApi(sessionId: string, params: FormObject): { status: number; body: unknown } {
    const unknown = Object.keys(params).find((k) => k !== 'expand');
    if (unknown) return { status: 400, body: { error: { type: 'invalid_request_error', code: 'parameter_unknown', param: unknown, message: `Received unknown parameter: ${unknown}` } } };
    const state = this.sessions.get(sessionId);
    if (!state) return { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', param: 'session', message: `No such checkout.session: '${sessionId}'` } } };
    if (state.session.status !== 'open') {
      return {
        status: 400,
        body: { error: { type: 'invalid_request_error', message: `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${String(state.session.status)}".` } },
      };
    }
    this.expireSession(sessionId);
    return { status: 200, body: state.session };
  }

  /** GET /v1/refunds?charge=… or ?payment_intent=…: those refunds, newest first (what a desk asks when an event does not list them). */
  private listRefunds(query: URLSearchParams): { status: number; body: unknown } {
    const bad = checkQuery(query, new Set(['charge', 'payment_intent', 'limit', 'starting_after', 'ending_before', 'created', 'expand']));
    if (bad) return { status: bad.status, body: { error: bad.error } };
    const charge = query.get('charge');
    const paymentIntent = query.get('payment_intent');
    const limit = Number(query.get('limit') ?? 10);
    const all = [...this.sessions.values()]
      .filter((st) => (charge === null || st.chargeId === charge) && (paymentIntent === null || st.session.payment_intent === paymentIntent))
      .flatMap((st) => st.refunds);
    return { status: 200, body: { object: 'list', data: all.slice(0, limit).map((r) => structuredClone(r)), has_more: all.length > limit, url: '/v1/refunds' } };
  }

  private listEvents(query: URLSearchParams): { status: number; body: unknown } {
    const bad = checkQuery(query, new Set(['limit', 'starting_after', 'ending_before', 'type', 'types', 'created', 'delivery_success', 'expand']));
    if (bad) return { status: bad.status, body: { error: bad.error } };
    const limitText = query.get('limit');
    const limit = limitText === null ? 10 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return { status: 400, body: { error: { type: 'invalid_request_error', code: 'parameter_invalid_integer', param: 'limit', message: 'Invalid integer: limit must be between 1 and 100.' } } };
    }
    // The SDK sends an array as `types[0]=…&types[1]=…` (indexed), curl as `types[]=…`: Stripe takes both.
    const types = [...query.entries()].filter(([k]) => /^types\[\d*\]$/.test(k)).map(([, v]) => v).concat(query.get('type') ? [query.get('type')!] : []);
    // Newest first, as Stripe lists.
    let list = [...this.events].reverse().filter((e) => types.length === 0 || types.some((t) => matchesType(String(e.type), t)));
    const after = query.get('starting_after');
    const before = query.get('ending_before');
    if (after) {
      const i = list.findIndex((e) => e.id === after);
      if (i < 0) return { status: 400, body: { error: { type: 'invalid_request_error', code: 'resource_missing', param: 'starting_after', message: `No such event: '${after}'` } } };
      list = list.slice(i + 1);
    } else if (before) {
      const i = list.findIndex((e) => e.id === before);
      if (i < 0) return { status: 400, body: { error: { type: 'invalid_request_error', code: 'resource_missing', param: 'ending_before', message: `No such event: '${before}'` } } };
      list = list.slice(Math.max(0, i - limit), i);
      return { status: 200, body: { object: 'list', data: list, has_more: i - limit > 0, url: '/v1/events' } };
    }
    return { status: 200, body: { object: 'list', data: list.slice(0, limit), has_more: list.length > limit, url: '/v1/events' } };
  }

  // ---- The customer and Stripe's back office ---------------------------------------

  session(sessionId: string): Json {
    return this.state(sessionId).session;
  }

  private state(sessionId: string): SessionState {
    const state = this.sessions.get(sessionId);
    if (!state) throw new Error(`the Stripe fake has no session ${sessionId}`);
    return state;
  }

  private emit(type: string, object: Json): Json {
    const e = eventObject({ id: id('evt'), type, created: this.nowSeconds(), object, apiVersion: Stripe.API_VERSION });
    this.events.push(e);
    const webhook = this.webhook;
    if (webhook) {
      this.delivering = this.delivering.then(async () => {
        const status = await this.deliver(e, webhook.url, webhook.secret).catch(() => 0);
        this.deliveries.push({ eventId: String(e.id), type, status });
      });
    }
    return e;
  }

  /**
   * The client pays on the pay page: 'paid' (card, Apple Pay, Google Pay) or 'unpaid' (a
   * delayed method: the money follows, see settleAsyncPayment). Emits checkout.session.completed.
   */
  completeSession(sessionId: string, paymentStatus: 'paid' | 'unpaid' = 'paid'): Json {
    const state = this.state(sessionId);
    if (state.session.status !== 'open') throw new Error(`session ${sessionId} is ${String(state.session.status)}, not open`);
    state.session = completedSession(state.session, id('pi'), paymentStatus);
    if (paymentStatus === 'paid') state.chargeId = id('ch');
    return this.emit('checkout.session.completed', state.session);
  }

  /** A delayed payment settles. Emits checkout.session.async_payment_succeeded or …_failed. */
  settleAsyncPayment(sessionId: string, outcome: 'succeeded' | 'failed'): Json {
    const state = this.state(sessionId);
    if (state.session.status !== 'complete' || state.session.payment_status !== 'unpaid') throw new Error(`session ${sessionId} has no delayed payment to settle`);
    if (outcome === 'succeeded') {
      state.session = { ...state.session, payment_status: 'paid' };
      state.chargeId = id('ch');
      return this.emit('checkout.session.async_payment_succeeded', state.session);
    }
    return this.emit('checkout.session.async_payment_failed', state.session);
  }

  /** The session lapses (at expires_at, or expired through the API). Emits checkout.session.expired. */
  expireSession(sessionId: string): Json {
    const state = this.state(sessionId);
    if (state.session.status !== 'open') throw new Error(`session ${sessionId} is ${String(state.session.status)}, not open`);
    state.session = { ...state.session, status: 'expired', url: null };
    return this.emit('checkout.session.expired', state.session);
  }

  /**
   * Staff refund (part of) a paid session in Stripe's dashboard. Emits refund.created and
   * charge.refunded (in that order; Stripe does not promise one); returns the charge.refunded event.
   */
  refund(sessionId: string, amountMinor?: number, metadata: Record<string, string> = {}): Json {
    const state = this.state(sessionId);
    const made = this.makeRefund(state, amountMinor, metadata);
    if ('error' in made) throw new Error(made.error);
    return made.chargeEvent;
  }

  /** A session's refunds, newest first. */
  refundsOf(sessionId: string): Json[] {
    return this.state(sessionId).refunds.map((r) => structuredClone(r));
  }

  /**
   * A refund fails after it was made (the card was closed): its money returns to the balance.
   * Emits refund.failed, refund.updated and charge.refund.updated.
   */
  failRefund(refundId: string): void {
    this.endRefund(refundId, 'failed', ['succeeded', 'pending', 'requires_action'], ['refund.failed', 'refund.updated', 'charge.refund.updated']);
  }

  /** Staff cancel a refund that has not gone through yet. Emits refund.updated and charge.refund.updated. */
  cancelRefund(refundId: string): void {
    this.endRefund(refundId, 'canceled', ['pending', 'requires_action'], ['refund.updated', 'charge.refund.updated']);
  }

  private endRefund(refundId: string, status: 'failed' | 'canceled', from: readonly string[], types: readonly string[]): void {
    const state = [...this.sessions.values()].find((st) => st.refunds.some((r) => r.id === refundId));
    const i = state?.refunds.findIndex((r) => r.id === refundId) ?? -1;
    if (!state || i < 0) throw new Error(`the Stripe fake has no refund ${refundId}`);
    const refund = state.refunds[i]!;
    if (!from.includes(String(refund.status))) throw new Error(`refund ${refundId} is ${String(refund.status)}`);
    state.refunds[i] = { ...refund, status, ...(status === 'failed' ? { failure_reason: 'expired_or_canceled_card' } : {}) };
    for (const type of types) this.emit(type, state.refunds[i]!);
  }

  private refundedOf(state: SessionState): number {
    return state.refunds.filter((r) => r.status !== 'failed' && r.status !== 'canceled').reduce((sum, r) => sum + Number(r.amount), 0);
  }

  private makeRefund(state: SessionState, amountMinor: number | undefined, metadata: Record<string, string>): { refund: Json; chargeEvent: Json } | { error: string; code: string } {
    const total = Number(state.session.amount_total);
    if (state.session.payment_status !== 'paid' || !state.chargeId) return { error: 'This PaymentIntent does not have a successful charge to refund.', code: 'charge_not_refundable' };
    const refunded = this.refundedOf(state);
    if (refunded >= total) return { error: `Charge ${state.chargeId} has already been refunded.`, code: 'charge_already_refunded' };
    const amount = amountMinor ?? total - refunded;
    if (!Number.isInteger(amount) || amount <= 0 || refunded + amount > total) {
      return { error: `Refund amount (${amount}) is greater than unrefunded amount on charge (${total - refunded})`, code: 'amount_too_large' };
    }
    const paymentIntent = String(state.session.payment_intent);
    const refund = refundObject({
      id: id('re'), created: this.nowSeconds(), amount, currency: String(state.session.currency), charge: state.chargeId, paymentIntent, status: this.refundStatus, metadata,
    });
    state.refunds.unshift(refund);
    this.emit('refund.created', refund);
    const chargeEvent = this.emit('charge.refunded', charge({
      id: state.chargeId, created: Number(state.session.created), amount: total, amountRefunded: this.refundedOf(state),
      currency: String(state.session.currency), paymentIntent, metadata: state.paymentIntentMetadata,
      refunds: this.chargeRefundsList ? state.refunds.map((r) => structuredClone(r)) : null,
    }));
    return { refund, chargeEvent };
  }

  /** POST /v1/refunds: a refund of a payment intent (what Refund to card asks). */
  private refundByApi(params: FormObject): { status: number; body: unknown } {
    const bad = (message: string, param?: string, code?: string) => ({ status: 400, body: { error: { type: 'invalid_request_error', message, ...(param ? { param } : {}), ...(code ? { code } : {}) } } });
    const known = new Set(['payment_intent', 'amount', 'metadata', 'reason', 'expand']);
    const unknown = Object.keys(params).find((k) => !known.has(k));
    if (unknown) return bad(`Received unknown parameter: ${unknown}`, unknown, 'parameter_unknown');
    const pi = params.payment_intent;
    if (typeof pi !== 'string' || pi === '') return bad('Missing required param: payment_intent.', 'payment_intent', 'parameter_missing');
    const state = [...this.sessions.values()].find((st) => st.session.payment_intent === pi);
    if (!state) return { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', param: 'payment_intent', message: `No such payment_intent: '${pi}'` } } };
    let amount: number | undefined;
    if (params.amount !== undefined) {
      if (typeof params.amount !== 'string' || !/^\d+$/.test(params.amount)) return bad('Invalid integer: amount', 'amount', 'parameter_invalid_integer');
      amount = Number(params.amount);
    }
    if (params.reason !== undefined && !['duplicate', 'fraudulent', 'requested_by_customer'].includes(String(params.reason))) return bad('Invalid reason.', 'reason');
    const metadata = params.metadata ?? {};
    if (typeof metadata !== 'object' || Array.isArray(metadata) || Object.values(metadata).some((v) => typeof v !== 'string' || v.length > 500)) return bad('Invalid metadata.', 'metadata');
    const made = this.makeRefund(state, amount, metadata as Record<string, string>);
    if ('error' in made) return bad(made.error, 'amount', made.code);
    return { status: 200, body: structuredClone(made.refund) };
  }

  // ---- Webhooks ----------------------------------------------------------------------

  /** The body and headers Stripe would POST for this event, signed with the endpoint's secret. */
  signedDelivery(event: Json, secret = FAKE_WEBHOOK_SECRET, at: Date = this.now()): WebhookDelivery {
    const payload = JSON.stringify(event, null, 2);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(at.getTime() / 1000) });
    return {
      payload,
      headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature, 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
    };
  }

  /** POSTs the event to a webhook URL as Stripe would; returns the HTTP status. */
  async deliver(event: Json, url: string, secret = FAKE_WEBHOOK_SECRET): Promise<number> {
    const d = this.signedDelivery(event, secret);
    const res = await fetch(url, { method: 'POST', headers: d.headers, body: d.payload });
    await res.arrayBuffer();
    return res.status;
  }
}

function matchesType(type: string, pattern: string): boolean {
  return pattern.endsWith('.*') ? type.startsWith(pattern.slice(0, -1)) : type === pattern;
}

/** Parameters as canonical JSON: the same request always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export async function startStripeFake(options: StripeFakeOptions = {}): Promise<StripeFake> {
  return new StripeFake(options).start();
}
