/**
 * The day sheet for a clinic day, live: the indexed queries of
 * shared/db/day-sheet-query.ts are subscribed, so a payment, credit note or void from
 * this desk, main or another desk (via sync) re-derives the sheet with no refresh.
 * Used by the day sheet screen and its print view.
 */
import { useMemo } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useLiveQuery } from '../../data/live-query.js';
import { collectionMarkersQuery, daySheetRange, factsUntilQuery, issuedInvoicesUntilQuery, messagesOfDayQuery } from '../../../shared/db/day-sheet-query.js';
import { daySheet, type DaySheet } from '../../../shared/domain/day-sheet.js';
import { isLocalDate, localDateOf, type LocalDate } from '../../../shared/domain/time.js';
import { deskClock } from '../../app/desk-clock.js';

/** The route's date, or today on the clinic's calendar when it is '' (null when it is not a date). */
export function useSheetDate(date: string): LocalDate | null {
  const { timeZone } = useSettings();
  if (date === '') return localDateOf(deskClock(), timeZone);
  return isLocalDate(date) ? date : null;
}

/** `undefined` while loading. */
export function useDaySheet(date: LocalDate | null): DaySheet | undefined {
  const { db } = useDesk();
  const { timeZone, currency } = useSettings();
  const range = date ? daySheetRange(date, timeZone) : null;
  const start = range?.from ?? null;
  const end = range?.to ?? null;
  const invoices = useLiveQuery(() => (end ? issuedInvoicesUntilQuery(db, end) : null), [db, end]);
  const facts = useLiveQuery(() => (end ? factsUntilQuery(db, end) : null), [db, end]);
  const messages = useLiveQuery(() => (start && end ? messagesOfDayQuery(db, start, end) : null), [db, start, end]);
  const steps = useLiveQuery(() => collectionMarkersQuery(db), [db]);
  return useMemo(
    () => (date && invoices && facts && messages && steps ? daySheet({ date, timeZone, currency, invoices, facts, messages, steps }) : undefined),
    [date, timeZone, currency, invoices, facts, messages, steps],
  );
}
