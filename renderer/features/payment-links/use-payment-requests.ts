/** An invoice's payment links, newest first, live (sent, paid or expired by main or another desk). */
import type { ClinicDatabase } from '../../../shared/db/database.js';
import type { PaymentRequestDoc } from '../../../shared/schemas/index.js';
import { useLiveQuery } from '../../data/live-query.js';

export function usePaymentRequests(db: ClinicDatabase, invoiceId: string | null | undefined): PaymentRequestDoc[] | undefined {
  return useLiveQuery(
    () => (invoiceId ? db.paymentrequests.find({ selector: { invoiceId }, sort: [{ invoiceId: 'asc' }, { createdAt: 'desc' }] }) : null),
    [db, invoiceId],
  );
}
