/**
 * The data a calendar range shows: bookings found by an indexed range query on
 * `start` (never by loading them all), with the clients they name, and each booking's
 * billing state from its invoice, the money on it and its payment requests: a few queries
 * for the whole range, never one per booking.
 */
import { useMemo } from 'react';
import type { RxDocument, RxQuery } from 'rxdb';
import { useDesk } from '../../app/desk-context.js';
import { useSession } from '../../app/session.js';
import { seesOnlyOwnCalendar } from '../../../shared/domain/permissions.js';
import { useLiveQuery } from '../../data/live-query.js';
import { bookingBillingStates, type BookingBillingState } from '../../../shared/domain/booking-billing-state.js';
import type { BookingDoc, ClientDoc, InvoiceDoc, PaymentDoc, PaymentRequestDoc, ServiceDoc, StaffDoc } from '../../../shared/schemas/index.js';
import { MAX_DURATION_MINUTES } from '../../../shared/domain/services.js';

/** The longest a booking can last (a service of at most 24 hours): how far back one can start and still reach the range. */
const LONGEST_BOOKING_MS = MAX_DURATION_MINUTES * 60_000;

export interface CalendarData {
  bookings: BookingDoc[];
  clients: Map<string, ClientDoc>;
  billing: Map<string, BookingBillingState>;
}

/**
 * `enabled` false: nothing is asked (a neighbouring range waits until the shown one is painted).
 * `billingToo` false: only the bookings and their clients are kept live — a neighbouring range
 * does not keep the billing queries running, which read most of their collections once invoices
 * are completed (below), on every write.
 */
export function useBookingsInRange(from: string, to: string, today: string, enabled = true, billingToo = true): CalendarData | undefined {
  const { db } = useDesk();
  // From a day earlier: a booking that began before the range and runs into it shows too.
  const since = useMemo(() => new Date(Date.parse(from) - LONGEST_BOOKING_MS).toISOString(), [from]);
  const found = useLiveQuery(
    () => (enabled ? db.bookings.find({ selector: { start: { $gte: since, $lt: to } }, sort: [{ start: 'asc' }] }) : null),
    [db, since, to, enabled],
  );
  const bookings = useMemo(() => found?.filter((b) => b.end > from), [found, from]);
  const clientIds = useMemo(() => (bookings ? [...new Set(bookings.map((b) => b.clientId))].sort().join(',') : null), [bookings]);
  const clients = useLiveQuery(
    () => (clientIds === null ? null : db.clients.find({ selector: { id: { $in: clientIds ? clientIds.split(',') : [] } } })),
    [db, clientIds],
  );
  const booked = useMemo(() => bookings?.filter((b) => b.status === 'booked'), [bookings]);
  // Asked for beside the clients, not after them.
  const billing = useBillingStates(billingToo ? booked : undefined, today);
  return useMemo(() => {
    if (!booked || !clients || !billing) return undefined;
    return { bookings: booked, clients: new Map(clients.map((c) => [c.id, c])), billing };
  }, [booked, clients, billing]);
}

export function usePractitioners(): StaffDoc[] | undefined {
  const { db } = useDesk();
  const { staff } = useSession();
  const all = useLiveQuery(() => db.staff.find({ selector: { isPractitioner: true, active: true }, sort: [{ sortKey: 'asc' }] }), [db]);
  // A practitioner-only user gets their own column (docs/product.md: staff and permissions).
  const own = seesOnlyOwnCalendar(staff.roles);
  return useMemo(() => (all && own ? all.filter((p) => p.id === staff.id) : all), [all, own, staff.id]);
}

export function useServices(): ServiceDoc[] | undefined {
  const { db } = useDesk();
  return useLiveQuery(() => db.services.find({ selector: { active: true }, sort: [{ name: 'asc' }] }), [db]);
}

/** Results of a query over a set of ids; none asked for is an empty result at once. */
function useIdsQuery<T>(ids: string | null, makeQuery: (ids: string[]) => RxQuery<T, RxDocument<T>[]>, deps: readonly unknown[]): T[] | undefined {
  const docs = useLiveQuery<T>(() => (ids ? makeQuery(ids.split(' ')) : null), [ids, ...deps]);
  return ids === '' ? (EMPTY as T[]) : docs;
}
const EMPTY: never[] = [];

/**
 * Each booking's billing state (shared/domain/booking-billing-state.ts). The invoices come by
 * primary key; money facts, credit notes and payment requests only for invoices that are
 * completed (a draft or a void invoice needs none), each set in one query. RxDB reads an `$in`
 * over a secondary index as one range from the smallest id to the largest, so with random ids
 * those three read most of their collection; cheap set lookups would need a schema change
 * (BENCHMARKS.md, "Calendar at a busy clinic").
 */
function useBillingStates(bookings: readonly BookingDoc[] | undefined, today: string): Map<string, BookingBillingState> | undefined {
  const { db } = useDesk();
  const invoiceIds = useMemo(() => (bookings ? [...new Set(bookings.map((b) => b.invoiceId).filter((id) => id !== ''))].sort().join(' ') : null), [bookings]);
  const invoices = useIdsQuery<InvoiceDoc>(invoiceIds, (ids) => db.invoices.find({ selector: { id: { $in: ids } } }), [db]);
  const completedIds = useMemo(() => (invoices ? invoices.filter((i) => i.status === 'completed').map((i) => i.id).sort().join(' ') : null), [invoices]);
  const facts = useIdsQuery<PaymentDoc>(completedIds, (ids) => db.payments.find({ selector: { invoiceId: { $in: ids } } }), [db]);
  const requests = useIdsQuery<PaymentRequestDoc>(completedIds, (ids) => db.paymentrequests.find({ selector: { invoiceId: { $in: ids } } }), [db]);
  const notes = useIdsQuery<InvoiceDoc>(completedIds, (ids) => db.invoices.find({ selector: { kind: 'credit_note', creditsInvoiceId: { $in: ids } } }), [db]);
  return useMemo(() => {
    if (!bookings || !invoices || !facts || !requests || !notes) return undefined;
    return bookingBillingStates(bookings, { invoices: [...invoices, ...notes], facts, requests }, today);
  }, [bookings, invoices, facts, requests, notes, today]);
}
