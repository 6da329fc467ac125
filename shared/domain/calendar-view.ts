/**
 * Which practitioners the calendar shows, and whether it is compact: each staff member's
 * choice on each desk (kept in the desk's local documents, shared/db/calendar-view-preference.ts).
 * Without a choice, someone with the practitioner role sees their own column and everyone
 * else sees the whole clinic, compact when that is more than a few practitioners. A practitioner who is nothing else only ever sees their own
 * (seesOnlyOwnCalendar). Pure.
 */
import type { StaffDoc } from '../schemas/index.js';
import { seesOnlyOwnCalendar } from './permissions.js';

export interface CalendarViewChoice {
  /** 'all': every active practitioner, those added later too; 'some': the ids listed. */
  readonly practitioners: { readonly mode: 'all' } | { readonly mode: 'some'; readonly ids: readonly string[] };
  readonly compact: boolean;
}

type Viewer = Pick<StaffDoc, 'id' | 'roles'>;

/** More practitioners than this side by side, and the calendar starts compact. */
export const COMPACT_FROM = 4;

export function defaultCalendarView(viewer: Viewer, practitionerIds: readonly string[]): CalendarViewChoice {
  const own = viewer.roles.includes('practitioner') && practitionerIds.includes(viewer.id);
  if (own) return { practitioners: { mode: 'some', ids: [viewer.id] }, compact: false };
  return { practitioners: { mode: 'all' }, compact: practitionerIds.length > COMPACT_FROM };
}

/**
 * The practitioners shown, in the clinic's order (`practitionerIds`), from the stored choice
 * (null: none made yet). Practitioners no longer active drop out of a choice.
 */
export function shownPractitionerIds(viewer: Viewer, practitionerIds: readonly string[], stored: CalendarViewChoice | null): string[] {
  if (seesOnlyOwnCalendar(viewer.roles)) return practitionerIds.filter((id) => id === viewer.id);
  const choice = (stored ?? defaultCalendarView(viewer, practitionerIds)).practitioners;
  if (choice.mode === 'all') return [...practitionerIds];
  const chosen = new Set(choice.ids);
  return practitionerIds.filter((id) => chosen.has(id));
}

/** The choice after ticking or unticking one practitioner; every practitioner ticked is "all". */
export function togglePractitioner(shown: readonly string[], practitionerIds: readonly string[], id: string, on: boolean): CalendarViewChoice['practitioners'] {
  const next = new Set(shown);
  if (on) next.add(id); else next.delete(id);
  const ids = practitionerIds.filter((p) => next.has(p));
  return ids.length === practitionerIds.length ? { mode: 'all' } : { mode: 'some', ids };
}
