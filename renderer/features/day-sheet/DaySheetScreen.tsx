/**
 * The clinic's day sheet (docs/product.md §6) for one clinic day: pick the day, see takings
 * per method, the day's invoicing and what is outstanding, and print it. Live: a payment
 * taken on another desk appears as soon as it syncs. Route: #/day-sheet[/<YYYY-MM-DD>].
 */
import { useSettings } from '../../app/desk-context.js';
import { navigate, routeHref } from '../../app/router.js';
import { addDays, isLocalDate, localDateOf } from '../../../shared/domain/time.js';
import { formatLocalDay } from '../../ui/format.js';
import { DaySheetReport } from './DaySheetReport.js';
import { DebtCollectionCard } from './DebtCollectionCard.js';
import { useDaySheet, useSheetDate } from './use-day-sheet.js';
import './day-sheet.css';
import { deskClock } from '../../app/desk-clock.js';

export function DaySheetScreen({ date }: { date: string }) {
  const settings = useSettings();
  const day = useSheetDate(date);
  const sheet = useDaySheet(day);
  const today = localDateOf(deskClock(), settings.timeZone);
  const go = (d: string) => navigate({ name: 'day-sheet', date: d });

  return (
    <section className="screen" aria-labelledby="day-sheet-title">
      <div className="screen__header">
        <h1 id="day-sheet-title">
          Day sheet{day && <> <span className="day-sheet__title-date">{formatLocalDay(day, settings.locale, { dateStyle: 'full' })}</span></>}
        </h1>
        {day && <a className="button" href={routeHref({ name: 'print', kind: 'day-sheet', id: day })}>Print day sheet</a>}
      </div>
      <div className="day-sheet__toolbar">
        <div className="field">
          <label htmlFor="day-sheet-day">Day</label>
          <input
            id="day-sheet-day"
            type="date"
            value={day ?? ''}
            required
            onChange={(e) => { if (isLocalDate(e.target.value)) go(e.target.value); }}
          />
        </div>
        <button type="button" className="button" disabled={!day} onClick={() => day && go(addDays(day, -1))}>Previous day</button>
        <button type="button" className="button" disabled={!day} onClick={() => day && go(addDays(day, 1))}>Next day</button>
        {day !== today && <button type="button" className="button" onClick={() => go(today)}>Today</button>}
      </div>
      {day === null ? (
        <p role="alert" className="form-error">“{date}” is not a date. Pick a day above, or go to <a href={routeHref({ name: 'day-sheet', date: '' })}>today’s day sheet</a>.</p>
      ) : sheet === undefined ? (
        <p role="status">Loading the day sheet…</p>
      ) : (
        <DaySheetReport sheet={sheet} settings={settings} />
      )}
      <DebtCollectionCard />
    </section>
  );
}
