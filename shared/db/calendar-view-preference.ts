/**
 * The calendar's view choice (shared/domain/calendar-view.ts) per staff member, kept in one
 * local document of the desk's database: never synced, so each desk remembers its own,
 * and it survives a reload and a restart. Malformed or missing: no choice (the default).
 */
import type { Observable } from 'rxjs';
import { map } from 'rxjs';
import type { ClinicDatabase } from './database.js';
import type { CalendarViewChoice } from '../domain/calendar-view.js';

const localId = (staffId: string) => `calendar-view-${staffId}`;

function parse(data: unknown): CalendarViewChoice | null {
  if (typeof data !== 'object' || data === null) return null;
  const { practitioners, compact } = data as { practitioners?: unknown; compact?: unknown };
  if (typeof practitioners !== 'object' || practitioners === null) return null;
  const p = practitioners as { mode?: unknown; ids?: unknown };
  const c = compact === true;
  if (p.mode === 'all') return { practitioners: { mode: 'all' }, compact: c };
  if (p.mode === 'some' && Array.isArray(p.ids) && p.ids.every((id) => typeof id === 'string')) return { practitioners: { mode: 'some', ids: p.ids as string[] }, compact: c };
  return null;
}

export async function readCalendarView(db: ClinicDatabase, staffId: string): Promise<CalendarViewChoice | null> {
  const doc = await db.getLocal(localId(staffId));
  return parse(doc?.toJSON().data);
}

export function watchCalendarView(db: ClinicDatabase, staffId: string): Observable<CalendarViewChoice | null> {
  return db.getLocal$(localId(staffId)).pipe(map((doc) => parse(doc?.toJSON().data)));
}

export async function saveCalendarView(db: ClinicDatabase, staffId: string, choice: CalendarViewChoice): Promise<void> {
  await db.upsertLocal(localId(staffId), { practitioners: choice.practitioners, compact: choice.compact });
}
