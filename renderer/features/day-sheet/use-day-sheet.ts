/**
 * The day sheet for a clinic day, live: the two indexed queries of
 * shared/db/day-sheet-query.ts are subscribed, so a payment, credit note or void from
 * this desk, main or another desk (via sync) re-derives the sheet with no refresh.
 * Used by the day sheet screen and its print view.
 */
import { useMemo } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useLiveQuery } from '../../data/live-query.js';
import { daySheetRange, factsUntilQuery, issuedInvoicesUntilQuery } from '../../../shared/db/day-sheet-query.js';
import { daySheet, type DaySheet } from '../../../shared/domain/day-sheet.js';
import { isLocalDate, localDateOf, type LocalDate } from '../../../shared/domain/time.js';

/** The route's date, or today on the clinic's calendar when it is '' (null when it is not a date). */
export function useSheetDate(date: string): LocalDate | null {
  const { timeZone } = useSettings();
  if (date === '') return localDateOf(new Date(), timeZone);
  return isLocalDate(date) ? date : null;
}

/** `undefined` while loading. */
export function useDaySheet(date: LocalDate | null): DaySheet | undefined {
  const { db } = useDesk();
  const { timeZone, currency } = useSettings();
  const end = date ? daySheetRange(date, timeZone).to : null;
  const invoices = useLiveQuery(() => (end ? issuedInvoicesUntilQuery(db, end) : null), [db, end]);
  const facts = useLiveQuery(() => (end ? factsUntilQuery(db, end) : null), [db, end]);
  return useMemo(
    () => (date && invoices && facts ? daySheet({ date, timeZone, currency, invoices, facts }) : undefined),
    [date, timeZone, currency, invoices, facts],
  );
}
