/**
 * What a payment provider's event means for our documents, whoever applies it (the sync
 * server for Stripe webhooks, a standalone desk's main process for the sandbox or for
 * polled Stripe events). Pure and idempotent: the payment's id comes from the provider's
 * payment reference, so a second delivery of the same money can never add a second
 * payment. What the event does to the request is shared/domain/link-request-status.ts, so
 * events arriving out of order or twice settle the request the same way on both sides.
 */
import type { PaymentDoc, PaymentRequestDoc } from '../schemas/index.js';
import type { CurrencyCode } from './money.js';
import { SYSTEM_ACTOR } from './permissions.js';
import { nextLinkRequestState, type LinkRequestStep } from './link-request-status.js';

/**
 * A provider's event as its adapter reports it (Stripe's webhook or event list, or the
 * sandbox), with the provider's own references; the server and desks both read this.
 */
export type PaymentEvent =
  | { readonly type: 'processing'; readonly eventId: string; readonly requestId: string; readonly providerRef: string }
  | { readonly type: 'succeeded'; readonly eventId: string; readonly requestId: string; readonly providerRef: string; readonly paymentRef: string; readonly amountMinor: number; readonly currency: string; readonly at: string }
  | { readonly type: 'failed'; readonly eventId: string; readonly requestId: string; readonly providerRef: string; readonly reason: string }
  | { readonly type: 'expired'; readonly eventId: string; readonly requestId: string; readonly providerRef: string };

/** The same events as a desk applies them: references to our ids, a currency we keep books in. */
export type LinkEvent =
  | { readonly type: 'processing'; readonly eventId: string; readonly requestId: string; readonly providerRef: string }
  | { readonly type: 'succeeded'; readonly eventId: string; readonly requestId: string; readonly providerRef: string; readonly paymentRef: string; readonly amountMinor: number; readonly currency: CurrencyCode; readonly at: string }
  | { readonly type: 'failed'; readonly eventId: string; readonly requestId: string; readonly providerRef: string; readonly reason: string }
  | { readonly type: 'expired'; readonly eventId: string; readonly requestId: string; readonly providerRef: string };

export interface LinkEventEffect {
  /** A payment to insert (skip when one with this id exists); recorded whatever the request's status. Refunds: refund-facts.ts. */
  readonly fact: PaymentDoc | null;
  /** The request's new status and problem, or null when it stays as it is (shared/domain/link-request-status.ts). */
  readonly request: Pick<PaymentRequestDoc, 'status' | 'problem' | 'problemText'> | null;
  /** Money came on a cancelled, superseded or expired request: staff refund it or keep it as credit. */
  readonly flag: LinkRequestStep['flag'];
}

/** Payment ids from the provider's reference: the same money is always the same document. */
export const paymentIdFor = (paymentRef: string) => `link-${paymentRef}`.slice(0, 40);

type OnRequest = Pick<PaymentRequestDoc, 'invoiceId' | 'clientId' | 'status' | 'problem' | 'problemText' | 'providerRef'>;

/** `desk`: where the effect is recorded (a desk's id, or SERVER_DESK on the sync server). */
export function linkEventEffect(event: LinkEvent, request: OnRequest, desk: string): LinkEventEffect {
  const step = nextLinkRequestState(request, event);
  const moved = step.status !== request.status || step.problem !== request.problem || step.problemText !== (request.problemText ?? '');
  const fact: PaymentDoc | null = step.money === 'none' || event.type !== 'succeeded' ? null : {
    id: paymentIdFor(event.paymentRef), kind: 'payment', invoiceId: request.invoiceId, clientId: request.clientId, method: 'payment_link',
    amountMinor: event.amountMinor, currency: event.currency, at: event.at, recordedBy: SYSTEM_ACTOR, recordedOn: desk, tenderedMinor: 0, externalRef: event.paymentRef.slice(0, 120),
  };
  return { fact, request: moved ? { status: step.status, problem: step.problem, problemText: step.problemText } : null, flag: step.flag };
}
