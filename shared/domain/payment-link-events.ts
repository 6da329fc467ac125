/**
 * What a payment provider's event means for our documents, whoever applies it (the sync
 * server for Stripe webhooks, a standalone desk's main process for the sandbox or for
 * polled Stripe events). Pure and idempotent: the payment's id comes from the provider's
 * payment reference, so a second delivery of the same money can never add a second
 * payment, and events arriving out of order settle the request the same way.
 */
import type { PaymentDoc, PaymentRequestDoc } from '../schemas/index.js';
import type { CurrencyCode } from './money.js';
import { SYSTEM_ACTOR } from './permissions.js';

/**
 * A provider's event as its adapter reports it (Stripe's webhook or event list, or the
 * sandbox), with the provider's own references; the server and desks both read this.
 */
export type PaymentEvent =
  | { readonly type: 'processing'; readonly eventId: string; readonly requestId: string; readonly providerRef: string }
  | { readonly type: 'succeeded'; readonly eventId: string; readonly requestId: string; readonly providerRef: string; readonly paymentRef: string; readonly amountMinor: number; readonly currency: string; readonly at: string }
  | { readonly type: 'failed'; readonly eventId: string; readonly requestId: string; readonly providerRef: string; readonly reason: string }
  | { readonly type: 'expired'; readonly eventId: string; readonly requestId: string; readonly providerRef: string }
  | { readonly type: 'refunded'; readonly eventId: string; readonly requestId: string; readonly paymentRef: string; readonly refundRef: string; readonly amountMinor: number; readonly currency: string; readonly at: string };

export type LinkEvent =
  | { readonly type: 'processing'; readonly eventId: string; readonly requestId: string }
  | { readonly type: 'succeeded'; readonly eventId: string; readonly requestId: string; readonly paymentRef: string; readonly amountMinor: number; readonly currency: CurrencyCode; readonly at: string }
  | { readonly type: 'failed'; readonly eventId: string; readonly requestId: string; readonly reason: string }
  | { readonly type: 'expired'; readonly eventId: string; readonly requestId: string }
  | { readonly type: 'refunded'; readonly eventId: string; readonly requestId: string; readonly refundRef: string; readonly amountMinor: number; readonly currency: CurrencyCode; readonly at: string };

export interface LinkEventEffect {
  /** A payment or refund to insert (skip when one with this id exists). */
  readonly fact: PaymentDoc | null;
  /** The request's new status and problem, or null when it stays as it is. */
  readonly request: Pick<PaymentRequestDoc, 'status' | 'problem'> | null;
}

/** Payment ids from the provider's reference: the same money is always the same document. */
export const paymentIdFor = (paymentRef: string) => `link-${paymentRef}`.slice(0, 40);
export const refundIdFor = (refundRef: string) => `refund-${refundRef}`.slice(0, 40);

/** The order statuses may move in: an event never moves a request backwards. */
const RANK: Readonly<Record<PaymentRequestDoc['status'], number>> = {
  scheduled: 0, unknown: 1, failed: 1, sent: 2, expired: 3, superseded: 3, cancelled: 3, processing: 4, paid: 5,
};

export function linkEventEffect(event: LinkEvent, request: Pick<PaymentRequestDoc, 'invoiceId' | 'clientId' | 'status'>): LinkEventEffect {
  const move = (status: PaymentRequestDoc['status'], problem = '') => (RANK[status] >= RANK[request.status] || status === 'paid' ? { status, problem } : null);
  switch (event.type) {
    case 'succeeded':
      return {
        fact: {
          id: paymentIdFor(event.paymentRef), kind: 'payment', invoiceId: request.invoiceId, clientId: request.clientId, method: 'payment_link',
          amountMinor: event.amountMinor, currency: event.currency, at: event.at, recordedBy: SYSTEM_ACTOR, tenderedMinor: 0, externalRef: event.paymentRef.slice(0, 120),
        },
        request: request.status === 'paid' ? null : { status: 'paid', problem: '' },
      };
    case 'processing':
      return { fact: null, request: request.status === 'paid' ? null : move('processing') };
    case 'failed':
      // A failed attempt leaves the link usable (the client may try another card).
      return { fact: null, request: request.status === 'sent' || request.status === 'processing' ? { status: 'sent', problem: `The payment failed: ${event.reason}`.slice(0, 300) } : null };
    case 'expired':
      return { fact: null, request: request.status === 'paid' || request.status === 'processing' ? null : move('expired') };
    case 'refunded':
      return {
        fact: {
          // On the invoice it paid: the refunded part is owed again.
          id: refundIdFor(event.refundRef), kind: 'refund', invoiceId: request.invoiceId, clientId: request.clientId, method: 'payment_link',
          amountMinor: event.amountMinor, currency: event.currency, at: event.at, recordedBy: SYSTEM_ACTOR, tenderedMinor: 0, externalRef: event.refundRef.slice(0, 120),
        },
        request: null,
      };
  }
}
