/**
 * Applies one mapped Stripe event to a clinic's documents in ONE transaction, through the
 * same storage path as a desk's push (docs/decisions/0005-sync-checkpoints.md): the clinic's seq lock first,
 * then the event's dedupe row, the money facts and the payment request, each write with
 * the clinic's next seq — so every desk pulls them like any other change.
 * Imported by server/routes/stripe-webhook.ts.
 *
 * Facts (docs/design.md invariant 2) are built by the shared rules a standalone desk uses for
 * events it applies itself: a payment's id comes from the payment intent
 * (shared/domain/payment-link-events.ts) and a refund's from the refund
 * (shared/domain/refund-facts.ts), so the same money is the same document whoever records it,
 * and a second event about it finds the document already there and adds nothing.
 * The request's status follows the rule a desk applies too (shared/domain/link-request-status.ts):
 * applied to the stored request, it ends the same whatever the order and however often
 * Stripe delivers (docs/decisions/0015-link-status-rule.md). Refunds are keyed by their
 * refund id on every path (docs/decisions/0029-refunds-by-refund-id.md).
 */
import { isCurrency } from '../../shared/domain/money.js';
import { SYSTEM_ACTOR } from '../../shared/domain/permissions.js';
import { linkEventEffect, paymentIdFor } from '../../shared/domain/payment-link-events.js';
import { refundFacts, type RefundedPayment, type RefundSeen } from '../../shared/domain/refund-facts.js';
import { SERVER_DESK } from '../../shared/domain/actor.js';
import type { CollectionName } from '../../shared/schemas/index.js';
import type { WireDocument } from '../../shared/sync/protocol.js';
import { claimStripeEvent } from '../data/stripe-events.js';
import { keepWaitingRefunds, lockPaymentRef, paymentOwner, recordPaymentOwner, takeWaitingRefunds } from '../data/stripe-refunds.js';
import { readDocument } from '../data/documents.js';
import type { Queryable, Store } from '../store/store.js';
import type { PaymentEvent } from '../../shared/domain/provider-events.js';
import { linkRequestAfter, type LinkRequestStatus } from '../../shared/domain/link-request-status.js';
import type { MappedStripeEvent } from '../../shared/domain/stripe-events.js';
import { openClinicWrites, type ClinicWrites } from './clinic-writes.js';

export interface ApplyResult {
  readonly outcome: 'applied' | 'duplicate' | 'unmatched';
  /** For the log: what was written, or why nothing was. */
  readonly detail: string;
  /** The clinic it was for ('' when not known). */
  readonly clinicId: string;
  /** What changed, for the desks' change stream; null when nothing was written. */
  readonly changed: { readonly collections: CollectionName[]; readonly seq: number } | null;
}

type Money = Extract<PaymentEvent, { type: 'succeeded' }>;

const onRequestOf = (request: WireDocument) => ({
  invoiceId: String(request.invoiceId ?? ''), clientId: String(request.clientId ?? ''), status: request.status as LinkRequestStatus,
  problem: String(request.problem ?? ''), problemText: typeof request.problemText === 'string' ? request.problemText : '', providerRef: String(request.providerRef ?? ''),
});

/** The payment document for the event, by the shared rule; null for a currency we do not keep books in. */
function moneyFact(request: WireDocument, e: Money): WireDocument | null {
  if (!isCurrency(e.currency)) return null;
  const fact = linkEventEffect({ ...e, currency: e.currency }, onRequestOf(request), SERVER_DESK).fact;
  return fact ? { ...fact, _deleted: false } : null;
}

/**
 * Where a payment intent's refunds are recorded: on its payment fact's invoice. Null until that
 * payment is recorded — a refund of money the books do not hold yet waits for it, as on a desk
 * (a refund before its payment would make the invoice owe more than it does).
 */
async function refundedPayment(tx: Queryable, clinicId: string, paymentRef: string): Promise<RefundedPayment | null> {
  const paid = await readDocument(tx, clinicId, 'payments', paymentIdFor(paymentRef));
  if (!paid || paid._deleted || !isCurrency(String(paid.currency))) return null;
  return { invoiceId: String(paid.invoiceId), clientId: String(paid.clientId), currency: String(paid.currency) as RefundedPayment['currency'] };
}

async function recordRefunds(w: ClinicWrites, paid: RefundedPayment, refunds: readonly RefundSeen[]): Promise<void> {
  for (const seen of refunds) for (const fact of refundFacts(seen, paid, SERVER_DESK)) await w.addFact({ ...fact, _deleted: false });
}

/** A Checkout Session's event: the payment fact, the request's status, and refunds that waited for its payment intent. */
export async function applyStripeEvent(
  store: Store,
  mapped: Extract<MappedStripeEvent, { kind: 'apply' }>,
  eventType: string,
  now: Date,
): Promise<ApplyResult> {
  const { clinicId, requestId, eventId } = mapped;
  const status = mapped.events[0] ?? null;
  const row = {
    eventId, eventType, clinicId, requestId, statusEvent: status?.type ?? null,
    providerRef: status?.providerRef ?? '', reason: status?.type === 'failed' ? status.reason : '', at: now,
  };
  return store.transaction(async (tx): Promise<ApplyResult> => {
    // A payment's refunds may be waiting for it: its events and theirs go one at a time.
    for (const e of mapped.events) if (e.type === 'succeeded') await lockPaymentRef(tx, e.paymentRef);
    const w = await openClinicWrites(tx, clinicId, now);
    if (!w) {
      await claimStripeEvent(tx, { ...row, outcome: 'unmatched', reason: 'no such clinic on this server' });
      return { outcome: 'unmatched', detail: 'no such clinic on this server', clinicId, changed: null };
    }
    const request = await readDocument(tx, clinicId, 'paymentrequests', requestId);
    if (!request || request._deleted) {
      const fresh = await claimStripeEvent(tx, { ...row, outcome: 'unmatched', reason: 'no such payment request (yet)' });
      return { outcome: fresh ? 'unmatched' : 'duplicate', detail: 'no such payment request at this clinic (yet)', clinicId, changed: null };
    }
    if (!(await claimStripeEvent(tx, { ...row, outcome: 'applied' }))) return { outcome: 'duplicate', detail: 'already applied', clinicId, changed: null };

    for (const e of mapped.events) {
      if (e.type !== 'succeeded') continue;
      const fact = moneyFact(request, e);
      if (!fact) {
        w.written.push(`nothing for ${e.currency}: not a currency the clinic keeps books in`);
        continue;
      }
      await w.addFact(fact);
      // Refunds of this payment find their clinic from now on; any that came first are recorded now.
      await recordPaymentOwner(tx, e.paymentRef, { clinicId, requestId });
      const waiting = await takeWaitingRefunds(tx, e.paymentRef);
      if (waiting.length > 0) await recordRefunds(w, { invoiceId: String(fact.invoiceId), clientId: String(fact.clientId), currency: fact.currency as RefundedPayment['currency'] }, waiting);
    }

    if (mapped.events.length > 0) {
      const next = linkRequestAfter(onRequestOf(request), mapped.events);
      const before = onRequestOf(request);
      if (next.status !== before.status || next.problem !== before.problem || next.problemText !== before.problemText) {
        await w.write('paymentrequests', { ...request, status: next.status, problem: next.problem, problemText: next.problemText ?? '', updatedAt: now.toISOString(), updatedBy: SYSTEM_ACTOR, deskId: SERVER_DESK });
        w.written.push(`request ${next.status}`);
      }
    }
    return { outcome: 'applied', detail: w.written.length > 0 ? w.written.join(', ') : 'nothing new', clinicId, changed: w.changed() };
  });
}

/**
 * A refund's event (refund.*, charge.refund.updated) or a refunded charge: each refund by its
 * own id, counted or reversed. A refund made in Stripe's dashboard names only its payment
 * intent: the clinic is the one whose payment it is; a refund that arrives before any event
 * naming that payment waits for it (stripe_waiting_refunds).
 */
export async function applyStripeRefunds(
  store: Store,
  mapped: Extract<MappedStripeEvent, { kind: 'refunds' }>,
  eventType: string,
  now: Date,
): Promise<ApplyResult> {
  const { eventId, paymentRef } = mapped;
  return store.transaction(async (tx): Promise<ApplyResult> => {
    await lockPaymentRef(tx, paymentRef);
    // The owner learnt from a verified event with our metadata wins over a refund's own metadata.
    const owner = (await paymentOwner(tx, paymentRef)) ?? mapped.ids;
    const row = { eventId, eventType, clinicId: owner?.clinicId ?? '', requestId: owner?.requestId ?? '', statusEvent: null, providerRef: paymentRef, reason: '', at: now };
    const wait = async (why: string): Promise<ApplyResult> => {
      const fresh = await claimStripeEvent(tx, { ...row, outcome: 'unmatched', reason: why });
      await keepWaitingRefunds(tx, eventId, mapped.refunds, now);
      return { outcome: fresh ? 'unmatched' : 'duplicate', detail: why, clinicId: row.clinicId, changed: null };
    };
    if (!owner) return wait('no payment on this server has this payment intent (yet); its refunds wait for it');
    const w = await openClinicWrites(tx, owner.clinicId, now);
    if (!w) return wait('no such clinic on this server');
    if (mapped.ids) await recordPaymentOwner(tx, paymentRef, mapped.ids);
    const paid = await refundedPayment(tx, owner.clinicId, paymentRef);
    if (!paid) return wait('the payment this refunds is not at this clinic (yet); its refunds wait for it');
    if (!(await claimStripeEvent(tx, { ...row, outcome: 'applied' }))) return { outcome: 'duplicate', detail: 'already applied', clinicId: owner.clinicId, changed: null };
    await recordRefunds(w, paid, [...mapped.refunds, ...(await takeWaitingRefunds(tx, paymentRef))]);
    const detail = w.written.length > 0 ? w.written.join(', ')
      : mapped.complete ? 'nothing new'
        // The pinned API version: the charge's refunds come as refund.* events, each by its id.
        : 'the charge does not list its refunds; each is recorded from its own refund event (refund.created, refund.updated, refund.failed)';
    return { outcome: 'applied', detail, clinicId: owner.clinicId, changed: w.changed() };
  });
}
