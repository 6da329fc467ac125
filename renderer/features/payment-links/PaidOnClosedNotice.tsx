/**
 * Money that came in on a link that was cancelled, replaced or had expired: recorded as a
 * payment all the same, and shown beside the link so staff refund it or keep it as credit
 * (docs/decisions/0015-link-status-rule.md). Used by the invoice's link list.
 */
import { paidOnClosedNotice } from '../../../shared/domain/link-request-status.js';
import type { PaymentRequestDoc } from '../../../shared/schemas/index.js';

export function PaidOnClosedNotice({ request }: { request: Pick<PaymentRequestDoc, 'status' | 'problem'> }) {
  const notice = paidOnClosedNotice(request);
  if (!notice) return null;
  return (
    <p className="warning link-status__notice" role="status" data-testid="paid-on-closed-link">
      {notice} Whatever is above what the invoice owes is client credit: refund it from the client&apos;s Ledger, or leave it for their next visit.
    </p>
  );
}
