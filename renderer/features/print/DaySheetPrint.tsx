/**
 * The day sheet on paper (id = the LocalDate): the same figures and components as the
 * day sheet screen (features/day-sheet), with when it was printed, in the screen's language
 * (it is the clinic's paper). For PrintScreen.
 */
import { useSettings } from '../../app/desk-context.js';
import { useT } from '../../app/language.js';
import { isLocalDate } from '../../../shared/domain/time.js';
import { DaySheetReport } from '../day-sheet/DaySheetReport.js';
import { useDaySheet } from '../day-sheet/use-day-sheet.js';
import { usePrintTitle, type PrintViewProps } from './print-view.js';
import { PrintClinicHeader } from './client-paper.js';
import { deskClock } from '../../app/desk-clock.js';

export function DaySheetPrint({ id, onTitle }: PrintViewProps) {
  const settings = useSettings();
  const translator = useT();
  const { t } = translator;
  const date = isLocalDate(id) ? id : null;
  const sheet = useDaySheet(date);
  usePrintTitle(onTitle, sheet ? t('daySheet.printTitle', { date: sheet.date, clinic: settings.clinicName }) : null);

  if (date === null) return <><PrintClinicHeader /><p role="alert">{t('daySheet.notADate', { date: id })}</p></>;
  if (!sheet) return <><PrintClinicHeader /><p role="status">{t('daySheet.loading')}</p></>;
  return (
    <>
      <PrintClinicHeader />
      <article className="print-doc" aria-labelledby="day-sheet-print-title">
        <h1 id="day-sheet-print-title" className="print-doc__title">
          {t('daySheet.title')} <span className="print-doc__subtitle">{translator.day(date, 'full')}</span>
        </h1>
        <DaySheetReport sheet={sheet} />
        <p className="print-doc__footnote">{t('daySheet.printed', { at: translator.dateTime(deskClock().toISOString()) })}</p>
      </article>
    </>
  );
}
