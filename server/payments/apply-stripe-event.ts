/**
 * Applies one mapped Stripe event to a clinic's documents in ONE transaction, through the
 * same storage path as a desk's push (docs/decisions/0005-sync-checkpoints.md): the clinic's seq lock first,
 * then the event's dedupe row, the money facts and the payment request, each write with
 * the clinic's next seq — so every desk pulls them like any other change.
 * Imported by server/routes/stripe-webhook.ts.
 *
 * Facts (docs/design.md invariant 2) are built by shared/domain/payment-link-events.ts, the rule
 * a standalone desk uses for events it applies itself: a payment's id comes from the payment
 * intent and a refund's from the refund, so the same money is the same document whoever
 * records it, and a second event about it finds the document already there and adds nothing.
 * The request's status follows the rule a desk applies too (shared/domain/link-request-status.ts):
 * applied to the stored request, it ends the same whatever the order and however often
 * Stripe delivers (docs/decisions/0015-link-status-rule.md).
 */
import { createHash } from 'node:crypto';
import { isCurrency } from '../../shared/domain/money.js';
import { SYSTEM_ACTOR } from '../../shared/domain/permissions.js';
import { linkEventEffect } from '../../shared/domain/payment-link-events.js';
import { SERVER_DESK } from '../../shared/domain/actor.js';
import type { CollectionName } from '../../shared/schemas/index.js';
import type { WireDocument } from '../../shared/sync/protocol.js';
import { claimStripeEvent, refundedFor } from '../data/stripe-events.js';
import { readDocument, writeDocument } from '../data/documents.js';
import { reserveSeq, trimSeq } from '../data/sequence.js';
import type { Store } from '../store/store.js';
import type { PaymentEvent, RefundTotalEvent, StatusEvent } from '../../shared/domain/provider-events.js';
import { linkRequestAfter, type LinkRequestStatus } from '../../shared/domain/link-request-status.js';
import type { MappedStripeEvent } from '../../shared/domain/stripe-events.js';

export interface ApplyResult {
  readonly outcome: 'applied' | 'duplicate' | 'unmatched';
  /** For the log: what was written, or why nothing was. */
  readonly detail: string;
  /** What changed, for the desks' change stream; null when nothing was written. */
  readonly changed: { readonly collections: CollectionName[]; readonly seq: number } | null;
}

/**
 * The refund recorded for a charge's refunded total (Stripe sent no refund ids): the same
 * total of the same charge is always the same document (≤ 40 characters).
 */
const refundTotalDocId = (chargeRef: string, totalMinor: number) =>
  `refund-total-${createHash('sha256').update(`${chargeRef}:${totalMinor}`).digest('hex').slice(0, 26)}`;

const isStatusEvent = (e: PaymentEvent | RefundTotalEvent): e is StatusEvent =>
  e.type === 'processing' || e.type === 'succeeded' || e.type === 'failed' || e.type === 'expired';

type Money = Extract<PaymentEvent, { type: 'succeeded' | 'refunded' }>;

const onRequestOf = (request: WireDocument) => ({
  invoiceId: String(request.invoiceId ?? ''), clientId: String(request.clientId ?? ''), status: request.status as LinkRequestStatus,
  problem: String(request.problem ?? ''), providerRef: String(request.providerRef ?? ''),
});

/** The payment or refund document for the event, by the shared rule; null for a currency we do not keep books in. */
function moneyFact(request: WireDocument, e: Money): WireDocument | null {
  if (!isCurrency(e.currency)) return null;
  const fact = linkEventEffect({ ...e, currency: e.currency }, onRequestOf(request), SERVER_DESK).fact;
  return fact ? { ...fact, _deleted: false } : null;
}

function refundTotalFact(request: WireDocument, e: RefundTotalEvent, amountMinor: number): WireDocument {
  return {
    id: refundTotalDocId(e.chargeRef, e.refundedTotalMinor), _deleted: false, kind: 'refund', invoiceId: request.invoiceId, clientId: request.clientId,
    method: 'payment_link', amountMinor, currency: e.currency, at: e.at, recordedBy: SYSTEM_ACTOR, recordedOn: SERVER_DESK, tenderedMinor: 0,
    // The charge: what is already recorded of its refunded total is found under it.
    externalRef: e.chargeRef,
  };
}

export async function applyStripeEvent(
  store: Store,
  mapped: Extract<MappedStripeEvent, { kind: 'apply' }>,
  eventType: string,
  now: Date,
): Promise<ApplyResult> {
  const { clinicId, requestId, eventId } = mapped;
  const status = mapped.events.find(isStatusEvent) ?? null;
  const row = {
    eventId, eventType, clinicId, requestId, statusEvent: status?.type ?? null,
    providerRef: status?.providerRef ?? '', reason: status?.type === 'failed' ? status.reason : '', at: now,
  };
  return store.transaction(async (tx): Promise<ApplyResult> => {
    // First statement: the clinic's lock (decision 0005). One seq per fact, one for the request.
    const reservation = await reserveSeq(tx, clinicId, mapped.events.length + 1);
    if (!reservation) {
      await claimStripeEvent(tx, { ...row, outcome: 'unmatched', reason: 'no such clinic on this server' });
      return { outcome: 'unmatched', detail: 'no such clinic on this server', changed: null };
    }
    const request = await readDocument(tx, clinicId, 'paymentrequests', requestId);
    if (!request || request._deleted) {
      const fresh = await claimStripeEvent(tx, { ...row, outcome: 'unmatched', reason: 'no such payment request (yet)' });
      await trimSeq(tx, clinicId, reservation, 0);
      return { outcome: fresh ? 'unmatched' : 'duplicate', detail: 'no such payment request at this clinic (yet)', changed: null };
    }
    if (!(await claimStripeEvent(tx, { ...row, outcome: 'applied' }))) {
      await trimSeq(tx, clinicId, reservation, 0);
      return { outcome: 'duplicate', detail: 'already applied', changed: null };
    }

    let used = 0;
    const collections = new Set<CollectionName>();
    const written: string[] = [];
    const write = async (collection: CollectionName, document: WireDocument) => {
      used += 1;
      await writeDocument(tx, { clinicId, collection, document, seq: reservation.base + used, staffId: null, deviceId: null, at: now });
      collections.add(collection);
    };
    /** Facts are written once: a second event about the same money finds its document. */
    const addFact = async (doc: WireDocument) => {
      if (await readDocument(tx, clinicId, 'payments', doc.id)) return;
      await write('payments', doc);
      written.push(`${doc.kind} ${doc.amountMinor} ${doc.currency}`);
    };

    for (const e of mapped.events) {
      if (e.type === 'succeeded' || e.type === 'refunded') {
        const fact = moneyFact(request, e);
        if (fact) await addFact(fact);
        else written.push(`nothing for ${e.currency}: not a currency the clinic keeps books in`);
      } else if (e.type === 'refund_total' && isCurrency(e.currency)) {
        // Stripe sent the charge's refunded total, not its refunds: record what is missing.
        const missing = e.refundedTotalMinor - (await refundedFor(tx, clinicId, e.chargeRef));
        if (missing > 0) await addFact(refundTotalFact(request, e, missing));
      }
    }

    const statusEvents = mapped.events.filter(isStatusEvent);
    if (statusEvents.length > 0) {
      const next = linkRequestAfter(onRequestOf(request), statusEvents);
      if (next.status !== request.status || next.problem !== request.problem) {
        await write('paymentrequests', { ...request, status: next.status, problem: next.problem, updatedAt: now.toISOString(), updatedBy: SYSTEM_ACTOR, deskId: SERVER_DESK });
        written.push(`request ${next.status}`);
      }
    }
    await trimSeq(tx, clinicId, reservation, used);
    return {
      outcome: 'applied',
      detail: written.length > 0 ? written.join(', ') : 'nothing new',
      changed: used > 0 ? { collections: [...collections], seq: reservation.base + used } : null,
    };
  });
}
