/**
 * How a payment request's state reads on screen — one wording for the invoice pop-up, the
 * checkout (LinkStatus) and the client's invoice lists.
 */
import { DUNNING_LABELS } from '../../../shared/domain/dunning.js';
import type { PaymentRequestDoc } from '../../../shared/schemas/index.js';

export const LINK_STATUS_TEXT: Readonly<Record<PaymentRequestDoc['status'], string>> = {
  scheduled: 'Scheduled', sent: 'Link sent', processing: 'Payment processing', paid: 'Paid', cancelled: 'Cancelled',
  expired: 'Expired', superseded: 'Replaced by a newer link', failed: 'Not sent', unknown: 'May not have been sent — check',
};

type Request = Pick<PaymentRequestDoc, 'status' | 'purpose'>;

/** The state badge of one request ("Marked" for a debt-collection marker, which sends nothing). */
export function linkStateText(request: Request): string {
  return request.purpose === 'debt_collection' ? 'Marked' : LINK_STATUS_TEXT[request.status];
}

/** What kind of request it is: a payment link, or which chasing step. */
export function requestPurposeText(request: Pick<PaymentRequestDoc, 'purpose'>): string {
  return request.purpose === 'payment_link' ? 'Payment link' : DUNNING_LABELS[request.purpose];
}

/**
 * The request that speaks for an invoice in a list, from its requests newest first: the
 * newest one still meaning something to staff. A link replaced by a newer one, or
 * cancelled, says nothing more about the invoice.
 */
export function currentRequest<T extends Request>(newestFirst: readonly T[]): T | undefined {
  return newestFirst.find((r) => r.status !== 'superseded' && r.status !== 'cancelled');
}
