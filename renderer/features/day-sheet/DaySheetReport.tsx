/**
 * The day sheet's figures, the same on screen and on paper: takings per method with the
 * total, client credit used (no money moved), the day's invoices, credit notes and voids,
 * and what is outstanding at the end of the day. Presentational only, in the screen's words
 * and formats (`useT()`); used by DaySheetScreen and the print view (features/print/DaySheetPrint.tsx).
 */
import type { CountAndTotal, DaySheet } from '../../../shared/domain/day-sheet.js';
import { METHOD_LABELS } from '../../../shared/domain/payment-rules.js';
import { useT } from '../../app/language.js';
import { StrongIn } from '../../ui/StrongIn.js';
import './day-sheet.css';

/** Shown where there were no refunds. */
const DASH = '—';

export interface DaySheetReportProps {
  sheet: DaySheet;
}

export function DaySheetReport({ sheet }: DaySheetReportProps) {
  const translator = useT();
  const { t } = translator;
  const m = (minor: number) => translator.money(minor, sheet.currency);
  const noTakings = sheet.takings.every((r) => r.paymentCount === 0 && r.refundCount === 0);
  const count = (c: CountAndTotal) => String(c.count);
  return (
    <div className="day-sheet">
      {sheet.otherCurrencyCount > 0 && (
        <p className="warning" role="note">
          {t('daySheet.otherCurrency', { count: sheet.otherCurrencyCount, currency: sheet.currency })}
        </p>
      )}

      <section className="day-sheet__section" aria-labelledby="day-sheet-takings">
        <h2 id="day-sheet-takings">{t('daySheet.takings.heading')}</h2>
        {noTakings ? (
          <p className="day-sheet__empty" data-testid="no-takings">{t('daySheet.takings.none')}</p>
        ) : (
          <table className="table day-sheet__table" data-testid="takings-table">
            <caption className="visually-hidden">{t('daySheet.takings.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('daySheet.takings.method')}</th>
                <th scope="col" className="num">{t('daySheet.takings.payments')}</th>
                <th scope="col" className="num">{t('daySheet.takings.received')}</th>
                <th scope="col" className="num">{t('daySheet.takings.refunded')}</th>
                <th scope="col" className="num">{t('daySheet.takings.takings')}</th>
              </tr>
            </thead>
            <tbody>
              {sheet.takings.map((r) => (
                <tr key={r.method} className={r.paymentCount === 0 && r.refundCount === 0 ? 'day-sheet__zero' : undefined}>
                  <th scope="row">{t(METHOD_LABELS[r.method])}</th>
                  <td className="num">{r.paymentCount}</td>
                  <td className="num">{m(r.paymentsMinor)}</td>
                  <td className="num">{r.refundsMinor > 0 ? m(-r.refundsMinor) : DASH}</td>
                  <td className="num" data-testid={`takings-${r.method}`}>{m(r.netMinor)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="day-sheet__total">
                <th scope="row">{t('daySheet.takings.total')}</th>
                <td className="num">{sheet.takings.reduce((s, r) => s + r.paymentCount, 0)}</td>
                <td className="num">{m(sheet.paymentsMinor)}</td>
                <td className="num">{sheet.refundsMinor > 0 ? m(-sheet.refundsMinor) : DASH}</td>
                <td className="num" data-testid="takings-total">{m(sheet.takingsMinor)}</td>
              </tr>
            </tfoot>
          </table>
        )}
        <p className="day-sheet__note">
          <StrongIn id="daySheet.creditUsed" name="amount" value={m(sheet.creditUsed.totalMinor)} values={{ count: sheet.creditUsed.count }} testId="credit-used" />
        </p>
      </section>

      <section className="day-sheet__section" aria-labelledby="day-sheet-invoicing">
        <h2 id="day-sheet-invoicing">{t('daySheet.invoicing.heading')}</h2>
        <table className="table day-sheet__table">
          <caption className="visually-hidden">{t('daySheet.invoicing.caption')}</caption>
          <thead>
            <tr><th scope="col">{t('daySheet.invoicing.document')}</th><th scope="col" className="num">{t('daySheet.count')}</th><th scope="col" className="num">{t('daySheet.total')}</th></tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('daySheet.invoicing.completed')}</th>
              <td className="num" data-testid="invoices-completed-count">{count(sheet.invoicesCompleted)}</td>
              <td className="num" data-testid="invoices-completed">{m(sheet.invoicesCompleted.totalMinor)}</td>
            </tr>
            <tr>
              <th scope="row">{t('daySheet.invoicing.creditNotes')}</th>
              <td className="num" data-testid="credit-notes-count">{count(sheet.creditNotes)}</td>
              <td className="num" data-testid="credit-notes">{m(sheet.creditNotes.totalMinor)}</td>
            </tr>
            <tr>
              <th scope="row">{t('daySheet.invoicing.voided')}</th>
              <td className="num" data-testid="voided-count">{count(sheet.voided)}</td>
              <td className="num" data-testid="voided">{m(sheet.voided.totalMinor)}</td>
            </tr>
          </tbody>
        </table>
      </section>

      <section className="day-sheet__section" aria-labelledby="day-sheet-messages">
        <h2 id="day-sheet-messages">{t('daySheet.messages.heading')}</h2>
        <table className="table day-sheet__table">
          <caption className="visually-hidden">{t('daySheet.messages.caption')}</caption>
          <thead>
            <tr><th scope="col">{t('daySheet.messages.messages')}</th><th scope="col" className="num">{t('daySheet.count')}</th></tr>
          </thead>
          <tbody>
            <tr><th scope="row">{t('daySheet.messages.links')}</th><td className="num" data-testid="links-sent">{sheet.messages.paymentLinks}</td></tr>
            <tr><th scope="row">{t('daySheet.messages.reminders')}</th><td className="num" data-testid="reminders-sent">{sheet.messages.reminders}</td></tr>
            <tr><th scope="row">{t('daySheet.messages.notDelivered')}</th><td className="num" data-testid="messages-not-delivered">{sheet.messages.notDelivered}</td></tr>
          </tbody>
        </table>
        <p className="day-sheet__note">
          <StrongIn id="daySheet.messages.cost" name="amount" value={m(sheet.messages.costMinor)} testId="messages-cost" />
          {sheet.feesCharged.count > 0 && <>{' '}<StrongIn id="daySheet.messages.fees" name="amount" value={m(sheet.feesCharged.totalMinor)} values={{ count: sheet.feesCharged.count }} testId="fees-charged" /></>}
        </p>
      </section>

      <section className="day-sheet__section" aria-labelledby="day-sheet-outstanding">
        <h2 id="day-sheet-outstanding">{t('daySheet.outstanding.heading')}</h2>
        <p className="day-sheet__note">{t('daySheet.outstanding.note', { date: translator.day(sheet.date, 'long') })}</p>
        <table className="table day-sheet__table">
          <caption className="visually-hidden">{t('daySheet.outstanding.caption')}</caption>
          <thead>
            <tr><th scope="col">{t('daySheet.outstanding.invoices')}</th><th scope="col" className="num">{t('daySheet.count')}</th><th scope="col" className="num">{t('daySheet.outstanding.balance')}</th></tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('daySheet.outstanding.owing')}</th>
              <td className="num" data-testid="outstanding-count">{sheet.outstanding.count}</td>
              <td className="num" data-testid="outstanding-total">{m(sheet.outstanding.totalMinor)}</td>
            </tr>
            <tr>
              <th scope="row">{t('daySheet.outstanding.overdue')}</th>
              <td className="num" data-testid="overdue-count">{sheet.outstanding.overdueCount}</td>
              <td className="num" data-testid="outstanding-overdue">{m(sheet.outstanding.overdueMinor)}</td>
            </tr>
            <tr>
              <th scope="row">{t('daySheet.outstanding.collection')}</th>
              <td className="num" data-testid="collection-count">{sheet.outstanding.collectionCount}</td>
              <td className="num" data-testid="outstanding-collection">{m(sheet.outstanding.collectionMinor)}</td>
            </tr>
          </tbody>
        </table>
      </section>
    </div>
  );
}
