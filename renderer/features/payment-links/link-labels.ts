/**
 * How a payment request's state reads on screen — one wording for the invoice pop-up, the
 * checkout (LinkStatus) and the client's invoice lists, in the reader's language.
 */
import { DUNNING_STEP_LABELS } from '../../../shared/domain/dunning.js';
import { LINK_STATUS_LABELS } from '../../../shared/domain/link-request-status.js';
import type { Translator } from '../../../shared/i18n/translator.js';
import type { PaymentRequestDoc } from '../../../shared/schemas/index.js';


type Request = Pick<PaymentRequestDoc, 'status' | 'purpose'>;

/** The state badge of one request ("Marked" for a debt-collection marker, which sends nothing). */
export function linkStateText(request: Request, { t }: Translator): string {
  return t(request.purpose === 'debt_collection' ? 'linkUi.status.marked' : LINK_STATUS_LABELS[request.status]);
}

/** What kind of request it is: a payment link, or which chasing step. */
export function requestPurposeText(request: Pick<PaymentRequestDoc, 'purpose'>, { t }: Translator): string {
  return t(request.purpose === 'payment_link' ? 'linkUi.purpose.paymentLink' : DUNNING_STEP_LABELS[request.purpose]);
}

/**
 * The request that speaks for an invoice in a list, from its requests newest first: the
 * newest one still meaning something to staff. A link replaced by a newer one, or
 * cancelled, says nothing more about the invoice.
 */
export function currentRequest<T extends Request>(newestFirst: readonly T[]): T | undefined {
  return newestFirst.find((r) => r.status !== 'superseded' && r.status !== 'cancelled');
}
