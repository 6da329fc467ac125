/**
 * The calendar: a week (days side by side) or a day (one column per practitioner), of the
 * practitioners chosen (remembered per desk and staff member), timed or compact.
 * Click an empty slot or "New booking" to book. Keyboard: N new booking, T today,
 * ← / → previous / next, W week, D day.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { addDays, localDateOf, localDaysRange, startOfWeek, wallTimeToInstant, parseLocalDate } from '../../../shared/domain/time.js';
import type { BookingDoc } from '../../../shared/schemas/index.js';
import { useT } from '../../app/language.js';
import { BookingDialog, type BookingDraft } from './BookingDialog.js';
import { BookingDetailsDialog } from './BookingDetailsDialog.js';
import { BookingEntry, hourLabel, TimeGrid, type GridColumn, type GridEntry, type MoreList } from './TimeGrid.js';
import { useBookingsInRange, usePractitioners, useServices } from './use-calendar-data.js';
import { dayBounds, daySegments } from './day-segments.js';
import { PractitionerChooser } from './PractitionerChooser.js';
import { defaultCalendarView, shownPractitionerIds, type CalendarViewChoice } from '../../../shared/domain/calendar-view.js';
import { saveCalendarView, watchCalendarView } from '../../../shared/db/calendar-view-preference.js';
import { Dialog } from '../../ui/Dialog.js';
import { useSession } from '../../app/session.js';
import { seesOnlyOwnCalendar } from '../../../shared/domain/permissions.js';
import { deskClock } from '../../app/desk-clock.js';
import { firstDayOfWeek } from '../../../shared/i18n/locale.js';

type View = 'week' | 'day';

const PREVIOUS_MARK = '‹';
const NEXT_MARK = '›';

export function CalendarScreen() {
  const settings = useSettings();
  const { db } = useDesk();
  const { t, dayParts, locale } = useT();
  const today = localDateOf(deskClock(), settings.timeZone);
  const [view, setView] = useState<View>('week');
  const [anchor, setAnchor] = useState(today);
  const [draft, setDraft] = useState<BookingDraft | null>(null);
  const [openBooking, setOpenBooking] = useState<BookingDoc | null>(null);
  const [notice, setNotice] = useState('');
  const [moreList, setMoreList] = useState<MoreList | null>(null);

  // The week starts on the clinic's first weekday: Monday in Norway and the UK, Sunday in the US.
  const first = view === 'week' ? startOfWeek(anchor, firstDayOfWeek(settings.locale)) : anchor;
  const days = view === 'week' ? 7 : 1;
  const range = useMemo(() => localDaysRange(first, days, settings.timeZone), [first, days, settings.timeZone]);
  const allData = useBookingsInRange(range.from, range.to, today);
  // The weeks (or days) either side, their bookings and clients kept live once this one is
  // shown: stepping to one finds those queries answered (RxDB keeps a query's result while it is
  // subscribed). Their billing is asked for when they are shown.
  const before = useMemo(() => localDaysRange(addDays(first, -days), days, settings.timeZone), [first, days, settings.timeZone]);
  const after = useMemo(() => localDaysRange(addDays(first, days), days, settings.timeZone), [first, days, settings.timeZone]);
  useBookingsInRange(before.from, before.to, today, allData !== undefined, false);
  useBookingsInRange(after.from, after.to, today, allData !== undefined, false);
  const practitioners = usePractitioners();
  const { staff } = useSession();
  const ownOnly = seesOnlyOwnCalendar(staff.roles);
  // The view this staff member chose on this desk (undefined while it is read; null: none yet).
  const [stored, setStored] = useState<CalendarViewChoice | null | undefined>(undefined);
  useEffect(() => {
    const sub = watchCalendarView(db, staff.id).subscribe(setStored);
    return () => sub.unsubscribe();
  }, [db, staff.id]);
  const practitionerIds = useMemo(() => practitioners?.map((p) => p.id), [practitioners]);
  const shownIds = useMemo(
    () => (practitionerIds && stored !== undefined ? shownPractitionerIds(staff, practitionerIds, stored) : undefined),
    [practitionerIds, stored, staff],
  );
  const compact = stored ? stored.compact : staffDefaultCompact(staff, practitionerIds);
  const saveView = (next: Partial<CalendarViewChoice>) => {
    if (!shownIds || !practitionerIds) return;
    const current: CalendarViewChoice = { practitioners: shownIds.length === practitionerIds.length ? { mode: 'all' } : { mode: 'some', ids: shownIds }, compact };
    void saveCalendarView(db, staff.id, { ...current, ...next });
  };
  // Only the chosen practitioners' bookings (a practitioner-only user: their own, always).
  const data = useMemo(() => {
    if (!allData || !shownIds) return undefined;
    // Everyone shown: also bookings of practitioners no longer active, as before there was a choice.
    if (!ownOnly && shownIds.length === practitionerIds?.length) return allData;
    const shown = new Set(shownIds);
    return { ...allData, bookings: allData.bookings.filter((b) => shown.has(b.practitionerId)) };
  }, [allData, shownIds, ownOnly, practitionerIds]);
  const billing = data?.billing;
  const services = useServices();

  const navigateTo = useCallback((next: { view?: View; anchor?: string }) => {
    // Timed from here to the new range's first paint (read by `npm run bench`).
    performance.mark('calendar:navigate');
    if (next.view) setView(next.view);
    if (next.anchor) setAnchor(next.anchor);
  }, []);

  const step = (dir: 1 | -1) => navigateTo({ anchor: addDays(anchor, dir * days) });

  useRenderTimings(`${range.from}|${range.to}`, data !== undefined && practitioners !== undefined && billing !== undefined);

  const newBookingAt = useCallback((date: string, minute: number, practitionerId: string | null) => {
    setDraft({ date, minute, practitionerId });
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (draft || openBooking || moreList || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target as HTMLElement;
      if (target.closest('input, select, textarea, dialog, [contenteditable="true"]')) return;
      const key = e.key.toLowerCase();
      if (key === 'n') { e.preventDefault(); setDraft({ date: anchor, minute: nextQuarterHour(settings.timeZone, anchor), practitionerId: null }); }
      else if (key === 't') navigateTo({ anchor: today });
      else if (key === 'w') navigateTo({ view: 'week' });
      else if (key === 'd') navigateTo({ view: 'day' });
      else if (e.key === 'ArrowLeft') step(-1);
      else if (e.key === 'ArrowRight') step(1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(''), 5000);
    return () => clearTimeout(timer);
  }, [notice]);

  const serviceMap = useMemo(() => new Map((services ?? []).map((s) => [s.id, s])), [services]);
  const practitionerMap = useMemo(() => new Map((practitioners ?? []).map((p) => [p.id, p])), [practitioners]);

  const columns = useMemo<GridColumn[] | null>(() => {
    if (!data || !practitioners || !shownIds) return null;
    // Each booking cut to the days it falls on: nothing spills into the next day.
    const dates = Array.from({ length: days }, (_, i) => addDays(first, i));
    const bounds = dayBounds(dates, addDays(first, days), settings.timeZone);
    const byDay: GridEntry[][] = dates.map(() => []);
    for (const booking of data.bookings) {
      for (const seg of daySegments(booking.start, booking.end, bounds, settings.timeZone)) byDay[seg.day]!.push({ booking, ...seg });
    }
    if (view === 'day') {
      const shown = new Set(shownIds);
      return practitioners.filter((p) => shown.has(p.id)).map((p) => ({
        key: p.id, label: p.name, entries: byDay[0]!.filter((e) => e.booking.practitionerId === p.id),
        slot: { date: anchor, practitionerId: p.id }, isToday: anchor === today,
      }));
    }
    return dates.map((date, i) => ({
      key: date, label: dayParts(date, { weekday: 'short' }), sublabel: dayParts(date, { day: 'numeric', month: 'short' }),
      entries: byDay[i]!, slot: { date, practitionerId: null }, isToday: date === today,
    }));
  }, [data, practitioners, shownIds, view, anchor, first, days, today, settings.timeZone, dayParts]);

  const title = view === 'week'
    ? t('calendar.weekTitle', { from: dayParts(first, { day: 'numeric', month: 'short' }), to: dayParts(addDays(first, 6), { day: 'numeric', month: 'short', year: 'numeric' }) })
    : dayParts(anchor, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

  return (
    <section className="screen screen--calendar" aria-labelledby="calendar-title">
      <header className="calendar__toolbar">
        <h1 id="calendar-title" className="calendar__title">{title}</h1>
        <div className="button-group" role="group" aria-label={t('calendar.moveInTime')}>
          <button type="button" className="button" onClick={() => step(-1)} aria-label={view === 'week' ? t('calendar.previousWeek') : t('calendar.previousDay')} aria-keyshortcuts="ArrowLeft">{PREVIOUS_MARK}</button>
          <button type="button" className="button" onClick={() => navigateTo({ anchor: today })} aria-keyshortcuts="T">{t('common.today')}</button>
          <button type="button" className="button" onClick={() => step(1)} aria-label={view === 'week' ? t('calendar.nextWeek') : t('calendar.nextDay')} aria-keyshortcuts="ArrowRight">{NEXT_MARK}</button>
        </div>
        <div className="button-group" role="group" aria-label={t('calendar.view')}>
          <button type="button" className="button" aria-pressed={view === 'week'} onClick={() => navigateTo({ view: 'week' })} aria-keyshortcuts="W">{t('calendar.week')}</button>
          <button type="button" className="button" aria-pressed={view === 'day'} onClick={() => navigateTo({ view: 'day' })} aria-keyshortcuts="D">{t('calendar.day')}</button>
        </div>
        {practitioners && shownIds && !ownOnly && practitioners.length > 1 && (
          <PractitionerChooser practitioners={practitioners} shownIds={shownIds} viewerId={staff.id}
            onChange={(choice) => saveView({ practitioners: choice })} />
        )}
        <button type="button" className="button" aria-pressed={compact} onClick={() => saveView({ compact: !compact })}>{t('calendar.compact')}</button>
        <button type="button" className="button button--primary" aria-keyshortcuts="N"
          onClick={() => setDraft({ date: anchor, minute: nextQuarterHour(settings.timeZone, anchor), practitionerId: null })}>
          {t('calendar.newBooking')}
        </button>
      </header>
      <p className="visually-hidden" role="status" aria-live="polite">{notice}</p>
      {notice && <div className="toast" aria-hidden="true">{notice}</div>}
      {columns === null || billing === undefined ? (
        <p role="status" className="muted">{t('calendar.loading')}</p>
      ) : practitioners?.length === 0 ? (
        <div className="empty-state"><p>{t('calendar.noPractitioners')}</p></div>
      ) : shownIds?.length === 0 ? (
        <div className="empty-state"><p>{t('calendar.practitioners.noneChosen')}</p></div>
      ) : (
        <>
          {data && data.bookings.length === 0 && (
            <p className="calendar__empty-hint">{t('calendar.emptyHint', { view })}</p>
          )}
          <TimeGrid
            columns={columns}
            clients={data!.clients}
            services={serviceMap}
            practitioners={practitionerMap}
            billing={billing}
            settings={settings}
            compact={compact}
            onSlot={(slot) => newBookingAt(slot.date, slot.minute, slot.practitionerId)}
            onOpenBooking={setOpenBooking}
            onOpenMore={setMoreList}
          />
        </>
      )}
      {draft && (
        <BookingDialog
          draft={draft}
          onClose={() => setDraft(null)}
          onSaved={(message) => { setDraft(null); setNotice(message); }}
        />
      )}
      {moreList && billing && (
        <Dialog onClose={() => setMoreList(null)} title={t('calendar.moreTitle', {
          day: moreList.column.sublabel ? `${moreList.column.label} ${moreList.column.sublabel}` : moreList.column.label,
          from: hourLabel(moreList.hour, locale), to: hourLabel(moreList.hour + 1, locale),
        })}>
          <ul className="booking-list">
            {moreList.entries.map((entry) => (
              <li key={entry.booking.id}>
                <BookingEntry entry={entry} inList clients={data?.clients ?? new Map()} services={serviceMap} practitioners={practitionerMap} billing={billing}
                  onOpenBooking={(b) => { setMoreList(null); setOpenBooking(b); }} />
              </li>
            ))}
          </ul>
        </Dialog>
      )}
      {openBooking && <BookingDetailsDialog bookingId={openBooking.id} onClose={() => setOpenBooking(null)} />}
    </section>
  );
}

function staffDefaultCompact(staff: Parameters<typeof defaultCalendarView>[0], practitionerIds: readonly string[] | undefined): boolean {
  return practitionerIds ? defaultCalendarView(staff, practitionerIds).compact : false;
}

/** The next quarter hour on the clinic's clock, on `date` (08:00 if that is not today). */
function nextQuarterHour(timeZone: string, date: string): number {
  const now = deskClock();
  if (localDateOf(now, timeZone) !== date) return 8 * 60;
  const startOfDay = wallTimeToInstant({ ...parseLocalDate(date), hour: 0, minute: 0 }, timeZone).getTime();
  const minutes = Math.ceil((now.getTime() - startOfDay) / 60_000 / 15) * 15;
  return Math.min(minutes, 23 * 60 + 45);
}

/**
 * Marks the first paint of each range: "calendar:ready" once after start-up, and a
 * "calendar:render" measure from the last navigation. Standard Performance entries,
 * so the benchmark reads them without any test hook in the app.
 */
function useRenderTimings(rangeKey: string, ready: boolean): void {
  const painted = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (!ready || painted.current === rangeKey) return;
    const first = painted.current === null;
    painted.current = rangeKey;
    requestAnimationFrame(() => {
      if (first) performance.mark('calendar:ready');
      else if (performance.getEntriesByName('calendar:navigate', 'mark').length > 0) {
        performance.measure('calendar:render', 'calendar:navigate');
      }
    });
  }, [rangeKey, ready]);
}
