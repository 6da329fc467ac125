/** Payment links, newest first, live (sent, paid or expired by main or another desk). */
import type { ClinicDatabase } from '../../../shared/db/database.js';
import type { PaymentRequestDoc } from '../../../shared/schemas/index.js';
import { useLiveQuery } from '../../data/live-query.js';

export function usePaymentRequests(db: ClinicDatabase, invoiceId: string | null | undefined): PaymentRequestDoc[] | undefined {
  return useLiveQuery(
    () => (invoiceId ? db.paymentrequests.find({ selector: { invoiceId }, sort: [{ invoiceId: 'asc' }, { createdAt: 'desc' }] }) : null),
    [db, invoiceId],
  );
}

/** The payment links of several invoices (a client's lists), each invoice's newest first. */
export function useInvoicesPaymentRequests(db: ClinicDatabase, invoiceIds: readonly string[] | undefined): PaymentRequestDoc[] | undefined {
  const key = invoiceIds?.join(' ');
  return useLiveQuery(
    () => (invoiceIds ? db.paymentrequests.find({ selector: { invoiceId: { $in: [...invoiceIds] } }, sort: [{ invoiceId: 'asc' }, { createdAt: 'desc' }] }) : null),
    // The ids as one text: a new array with the same invoices is the same query.
    [db, key],
  );
}
