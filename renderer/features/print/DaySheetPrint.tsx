/**
 * The day sheet on paper (id = the LocalDate): the same figures and components as the
 * day sheet screen (features/day-sheet), with when it was printed. For PrintScreen.
 */
import { useSettings } from '../../app/desk-context.js';
import { isLocalDate } from '../../../shared/domain/time.js';
import { formatDateTime, formatLocalDay } from '../../ui/format.js';
import { DaySheetReport } from '../day-sheet/DaySheetReport.js';
import { useDaySheet } from '../day-sheet/use-day-sheet.js';
import { usePrintTitle, type PrintViewProps } from './print-view.js';
import { deskClock } from '../../app/desk-clock.js';

export function DaySheetPrint({ id, onTitle }: PrintViewProps) {
  const settings = useSettings();
  const date = isLocalDate(id) ? id : null;
  const sheet = useDaySheet(date);
  usePrintTitle(onTitle, sheet ? `Day sheet ${sheet.date} – ${settings.clinicName}` : null);

  if (date === null) return <p role="alert">“{id}” is not a date.</p>;
  if (!sheet) return <p role="status">Loading the day sheet…</p>;
  return (
    <article className="print-doc" aria-labelledby="day-sheet-print-title">
      <h1 id="day-sheet-print-title" className="print-doc__title">
        Day sheet <span className="print-doc__subtitle">{formatLocalDay(date, settings.locale, { dateStyle: 'full' })}</span>
      </h1>
      <DaySheetReport sheet={sheet} settings={settings} />
      <p className="print-doc__footnote">Printed {formatDateTime(deskClock().toISOString(), settings)}.</p>
    </article>
  );
}
