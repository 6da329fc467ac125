/**
 * The payment provider seam: one interface, two adapters — Stripe (Checkout Sessions) and
 * the sandbox (a local pay page for demos and tests). Node-only; secrets stay in main.
 * Metadata carries our ids only (docs/design.md invariant 7).
 */
import type { LinkEvent } from '../../../shared/domain/payment-link-events.js';
import type { Language } from '../../../shared/i18n/catalogues/index.js';
import type { RefundSeen } from '../../../shared/domain/refund-facts.js';

export interface LinkRequest {
  /** Our payment request id; also the idempotency key's stem. */
  readonly requestId: string;
  readonly invoiceId: string;
  readonly clinicId: string;
  readonly amountMinor: number;
  readonly currency: string;
  /** Shown on the pay page: "Invoice 12 — Fjordside Fysio". Never a service or practitioner. */
  readonly description: string;
  /** UTC ISO instant the link lapses (Checkout allows 30 minutes to 24 hours). */
  readonly expiresAt: string;
  /** One per attempt: a retried call with the same key creates nothing new. */
  readonly idempotencyKey: string;
  /**
   * The client's language (their own choice, else the clinic's): the pay page speaks it, and
   * Stripe Checkout gets it as its `locale` (docs/decisions/0033-languages.md). Absent: main's
   * payment service fills it in from the invoice's client.
   */
  readonly language?: Language;
}

export interface PaymentLink {
  readonly url: string;
  /** The provider's id (Checkout Session id, or the sandbox's). */
  readonly providerRef: string;
  readonly expiresAt: string;
}

/** What a provider event means for our books, whatever the provider (one definition, in shared/). */
export type { PaymentEvent } from '../../../shared/domain/payment-link-events.js';

/** What a provider reports to this desk: a link's event, or a refund (by its own id). */
export type DeskProviderEvent = LinkEvent | { readonly type: 'refund'; readonly eventId: string; readonly seen: RefundSeen };

export type LinkEnd = 'expired' | 'completed';

/** Why a link is retired: a newer one replaced it (its page can say so), or it was closed. */
export type LinkRetirement = 'replaced' | 'closed';

/** A refund of a payment by link (Refund to card): our ids only in its metadata. */
export interface RefundRequest {
  /** The provider's payment reference (Stripe: the payment intent). */
  readonly paymentRef: string;
  readonly amountMinor: number;
  /** From the operation id: a retried command refunds once. */
  readonly idempotencyKey: string;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface PaymentProvider {
  readonly kind: 'stripe' | 'sandbox';
  /** What of a payment is still refundable at the provider (`paidMinor`: what the payment was). */
  refundable(paymentRef: string, paidMinor: number): Promise<number>;
  /** Refunds (part of) a payment; the same idempotency key gives the same refund. Resolves with the provider's refund, shaped as Stripe's. */
  refund(request: RefundRequest): Promise<unknown>;
  createLink(request: LinkRequest): Promise<PaymentLink>;
  /**
   * Deactivates a link that was superseded, paid elsewhere or voided. Idempotent. Says what
   * became of it: 'expired' (now or before), or 'completed' — the client paid (or is paying)
   * through it, which no desk can undo; the provider's event records that payment.
   */
  expireLink(providerRef: string, reason?: LinkRetirement): Promise<LinkEnd>;
}
