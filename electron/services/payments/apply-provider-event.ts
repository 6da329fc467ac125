/**
 * A provider's report on this desk, whatever it is: a link's event (apply-link-event.ts) or a
 * refund by its own id (apply-refund.ts). Node-only; used by main's payment service and the
 * desk's property tests, so both go one way.
 */
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { applyLinkEvent, type ApplyResult } from './apply-link-event.js';
import { applyRefund, applyWaitingRefunds, type RefundResult } from './apply-refund.js';
import type { DeskProviderEvent } from './types.js';

export async function applyProviderEvent(db: ClinicDatabase, event: DeskProviderEvent, now: string, desk: string): Promise<ApplyResult | RefundResult> {
  if (event.type === 'refund') return applyRefund(db, event.seen, now, desk);
  const result = await applyLinkEvent(db, event, now, desk);
  // Refunds that came before this payment are recorded with it.
  if (event.type === 'succeeded') await applyWaitingRefunds(db, event.paymentRef, now, desk);
  return result;
}
