/**
 * The clinic's day sheet (docs/product.md §6) for one clinic day: pick the day, see takings
 * per method, the day's invoicing and what is outstanding, and print it. Live: a payment
 * taken on another desk appears as soon as it syncs. Route: #/day-sheet[/<YYYY-MM-DD>].
 */
import { useSettings } from '../../app/desk-context.js';
import { useT } from '../../app/language.js';
import { navigate, routeHref } from '../../app/router.js';
import { addDays, isLocalDate, localDateOf } from '../../../shared/domain/time.js';
import { DaySheetReport } from './DaySheetReport.js';
import { DebtCollectionCard } from './DebtCollectionCard.js';
import { useDaySheet, useSheetDate } from './use-day-sheet.js';
import './day-sheet.css';
import { deskClock } from '../../app/desk-clock.js';
import { DateField } from '../../ui/DateField.js';

/** Where the link to today's sheet goes in the sentence about a route that is not a date. */
const SLOT = '\uE000';

export function DaySheetScreen({ date }: { date: string }) {
  const settings = useSettings();
  const translator = useT();
  const { t } = translator;
  const day = useSheetDate(date);
  const sheet = useDaySheet(day);
  const today = localDateOf(deskClock(), settings.timeZone);
  const go = (d: string) => navigate({ name: 'day-sheet', date: d });
  // One sentence with a link in it: the words around the link come from the catalogue whole.
  const [beforeLink = '', afterLink = ''] = t('daySheet.notADateHelp', { date, link: SLOT }).split(SLOT);

  return (
    <section className="screen" aria-labelledby="day-sheet-title">
      <div className="screen__header">
        <h1 id="day-sheet-title">
          {t('daySheet.title')}{day && <> <span className="day-sheet__title-date">{translator.day(day, 'full')}</span></>}
        </h1>
        {day && <a className="button" href={routeHref({ name: 'print', kind: 'day-sheet', id: day })}>{t('daySheet.print')}</a>}
      </div>
      <div className="day-sheet__toolbar">
        <div className="field">
          <label htmlFor="day-sheet-day">{t('daySheet.day')}</label>
          <DateField
            id="day-sheet-day"
            value={day ?? ''}
            required
            onChange={(v) => { if (isLocalDate(v)) go(v); }}
          />
        </div>
        <button type="button" className="button" disabled={!day} onClick={() => day && go(addDays(day, -1))}>{t('daySheet.previousDay')}</button>
        <button type="button" className="button" disabled={!day} onClick={() => day && go(addDays(day, 1))}>{t('daySheet.nextDay')}</button>
        {day !== today && <button type="button" className="button" onClick={() => go(today)}>{t('common.today')}</button>}
      </div>
      {day === null ? (
        <p role="alert" className="form-error">{beforeLink}<a href={routeHref({ name: 'day-sheet', date: '' })}>{t('daySheet.todaysSheet')}</a>{afterLink}</p>
      ) : sheet === undefined ? (
        <p role="status">{t('daySheet.loading')}</p>
      ) : (
        <DaySheetReport sheet={sheet} />
      )}
      <DebtCollectionCard />
    </section>
  );
}
