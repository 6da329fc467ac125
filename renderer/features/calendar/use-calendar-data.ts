/**
 * The data a calendar range shows: bookings found by an indexed range query on
 * `start` (never by loading them all), with the clients they name.
 */
import { useMemo } from 'react';
import { useDesk } from '../../app/desk-context.js';
import { useSession } from '../../app/session.js';
import { seesOnlyOwnCalendar } from '../../../shared/domain/permissions.js';
import { useLiveQuery } from '../../data/live-query.js';
import type { BookingDoc, ClientDoc, ServiceDoc, StaffDoc } from '../../../shared/schemas/index.js';

export interface CalendarData {
  bookings: BookingDoc[];
  clients: Map<string, ClientDoc>;
}

export function useBookingsInRange(from: string, to: string): CalendarData | undefined {
  const { db } = useDesk();
  const bookings = useLiveQuery(
    () => db.bookings.find({ selector: { start: { $gte: from, $lt: to } }, sort: [{ start: 'asc' }] }),
    [db, from, to],
  );
  const clientIds = useMemo(() => (bookings ? [...new Set(bookings.map((b) => b.clientId))].sort().join(',') : null), [bookings]);
  const clients = useLiveQuery(
    () => (clientIds === null ? null : db.clients.find({ selector: { id: { $in: clientIds ? clientIds.split(',') : [] } } })),
    [db, clientIds],
  );
  return useMemo(() => {
    if (!bookings || !clients) return undefined;
    return { bookings: bookings.filter((b) => b.status === 'booked'), clients: new Map(clients.map((c) => [c.id, c])) };
  }, [bookings, clients]);
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
