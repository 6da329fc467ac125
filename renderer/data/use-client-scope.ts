/**
 * The clients the signed-in user may open: null for everyone but a practitioner-only
 * user, who gets the clients they have bookings with (live as bookings change).
 */
import { useEffect, useState } from 'react';
import { useDesk } from '../app/desk-context.js';
import { useSession } from '../app/session.js';
import { clientIdsOf, practitionerBookingsQuery } from '../../shared/db/practitioner-scope.js';
import { seesOnlyOwnCalendar } from '../../shared/domain/permissions.js';

export function useClientScope(): Set<string> | null | undefined {
  const { db } = useDesk();
  const { staff } = useSession();
  const scoped = seesOnlyOwnCalendar(staff.roles);
  const [ids, setIds] = useState<Set<string> | undefined>(undefined);
  useEffect(() => {
    if (!scoped) return;
    // The live query's own result: no second read of the same bookings.
    const sub = practitionerBookingsQuery(db, staff.id).$.subscribe((bookings) => setIds(clientIdsOf(bookings)));
    return () => sub.unsubscribe();
  }, [db, scoped, staff.id]);
  return scoped ? ids : null;
}
