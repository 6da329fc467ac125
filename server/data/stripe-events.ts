/**
 * SQL for the Stripe events the server has acted on (the stripe_events table, migration 2):
 * each event id is applied once, and kept with its outcome for the record. Runs inside the
 * webhook's transaction. Imported by server/payments.
 */
import type { StatusEvent } from '../../shared/domain/provider-events.js';
import type { Queryable } from '../store/store.js';

export interface StripeEventRow {
  readonly eventId: string;
  readonly eventType: string;
  readonly clinicId: string;
  readonly requestId: string;
  readonly outcome: 'applied' | 'unmatched';
  readonly statusEvent: StatusEvent['type'] | null;
  readonly providerRef: string;
  readonly reason: string;
  readonly at: Date;
}

/**
 * Records the event; false when it was already recorded (a redelivery: do nothing). An
 * event kept as unmatched is taken again, so a delivery after the desk's payment request
 * reached the server (Stripe's "Resend", or a retry) is applied then.
 */
export async function claimStripeEvent(tx: Queryable, row: StripeEventRow): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO stripe_events (event_id, event_type, clinic_id, request_id, outcome, status_event, provider_ref, reason, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (event_id) DO UPDATE SET
       event_type = EXCLUDED.event_type, clinic_id = EXCLUDED.clinic_id, request_id = EXCLUDED.request_id,
       outcome = EXCLUDED.outcome, status_event = EXCLUDED.status_event, provider_ref = EXCLUDED.provider_ref,
       reason = EXCLUDED.reason, received_at = EXCLUDED.received_at
     WHERE stripe_events.outcome = 'unmatched'
     RETURNING event_id`,
    [row.eventId, row.eventType, row.clinicId, row.requestId, row.outcome, row.statusEvent, row.providerRef, row.reason, row.at],
  );
  return rows.length === 1;
}
