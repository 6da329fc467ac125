/**
 * The day sheet's figures, the same on screen and on paper: takings per method with the
 * total, client credit used (no money moved), the day's invoices, credit notes and voids,
 * and what is outstanding at the end of the day. Presentational only; used by
 * DaySheetScreen and the print view (features/print/DaySheetPrint.tsx).
 */
import type { ClinicSettingsDoc } from '../../../shared/schemas/index.js';
import type { CountAndTotal, DaySheet } from '../../../shared/domain/day-sheet.js';
import { METHOD_LABELS } from '../../../shared/domain/payment-rules.js';
import { formatLocalDay, money } from '../../ui/format.js';
import './day-sheet.css';

export interface DaySheetReportProps {
  sheet: DaySheet;
  settings: Pick<ClinicSettingsDoc, 'locale'>;
}

export function DaySheetReport({ sheet, settings }: DaySheetReportProps) {
  const m = (minor: number) => money(minor, sheet.currency, settings);
  const noTakings = sheet.takings.every((r) => r.paymentCount === 0 && r.refundCount === 0);
  const count = (c: CountAndTotal) => String(c.count);
  return (
    <div className="day-sheet">
      {sheet.otherCurrencyCount > 0 && (
        <p className="warning" role="note">
          {sheet.otherCurrencyCount} payment{sheet.otherCurrencyCount === 1 ? '' : 's'} or invoice{sheet.otherCurrencyCount === 1 ? '' : 's'} in another currency than {sheet.currency} {sheet.otherCurrencyCount === 1 ? 'is' : 'are'} not included.
        </p>
      )}

      <section className="day-sheet__section" aria-labelledby="day-sheet-takings">
        <h2 id="day-sheet-takings">Takings</h2>
        {noTakings ? (
          <p className="day-sheet__empty" data-testid="no-takings">No payments taken on this day.</p>
        ) : (
          <table className="table day-sheet__table" data-testid="takings-table">
            <caption className="visually-hidden">Takings by payment method</caption>
            <thead>
              <tr>
                <th scope="col">Method</th>
                <th scope="col" className="num">Payments</th>
                <th scope="col" className="num">Received</th>
                <th scope="col" className="num">Refunded</th>
                <th scope="col" className="num">Takings</th>
              </tr>
            </thead>
            <tbody>
              {sheet.takings.map((r) => (
                <tr key={r.method} className={r.paymentCount === 0 && r.refundCount === 0 ? 'day-sheet__zero' : undefined}>
                  <th scope="row">{METHOD_LABELS[r.method]}</th>
                  <td className="num">{r.paymentCount}</td>
                  <td className="num">{m(r.paymentsMinor)}</td>
                  <td className="num">{r.refundsMinor > 0 ? m(-r.refundsMinor) : '—'}</td>
                  <td className="num" data-testid={`takings-${r.method}`}>{m(r.netMinor)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="day-sheet__total">
                <th scope="row">Total</th>
                <td className="num">{sheet.takings.reduce((s, r) => s + r.paymentCount, 0)}</td>
                <td className="num">{m(sheet.paymentsMinor)}</td>
                <td className="num">{sheet.refundsMinor > 0 ? m(-sheet.refundsMinor) : '—'}</td>
                <td className="num" data-testid="takings-total">{m(sheet.takingsMinor)}</td>
              </tr>
            </tfoot>
          </table>
        )}
        <p className="day-sheet__note">
          Client credit used: <strong data-testid="credit-used">{m(sheet.creditUsed.totalMinor)}</strong>
          {' '}on {sheet.creditUsed.count} invoice{sheet.creditUsed.count === 1 ? '' : 's'}. No money changed hands, so it is not part of the takings.
        </p>
      </section>

      <section className="day-sheet__section" aria-labelledby="day-sheet-invoicing">
        <h2 id="day-sheet-invoicing">Invoicing</h2>
        <table className="table day-sheet__table">
          <caption className="visually-hidden">Invoices, credit notes and voids of the day</caption>
          <thead>
            <tr><th scope="col">Document</th><th scope="col" className="num">Count</th><th scope="col" className="num">Total</th></tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Invoices completed</th>
              <td className="num" data-testid="invoices-completed-count">{count(sheet.invoicesCompleted)}</td>
              <td className="num" data-testid="invoices-completed">{m(sheet.invoicesCompleted.totalMinor)}</td>
            </tr>
            <tr>
              <th scope="row">Credit notes issued</th>
              <td className="num" data-testid="credit-notes-count">{count(sheet.creditNotes)}</td>
              <td className="num" data-testid="credit-notes">{m(sheet.creditNotes.totalMinor)}</td>
            </tr>
            <tr>
              <th scope="row">Invoices voided</th>
              <td className="num" data-testid="voided-count">{count(sheet.voided)}</td>
              <td className="num" data-testid="voided">{m(sheet.voided.totalMinor)}</td>
            </tr>
          </tbody>
        </table>
      </section>

      <section className="day-sheet__section" aria-labelledby="day-sheet-messages">
        <h2 id="day-sheet-messages">Payment links and reminders</h2>
        <table className="table day-sheet__table">
          <caption className="visually-hidden">Messages sent on the day</caption>
          <thead>
            <tr><th scope="col">Messages</th><th scope="col" className="num">Count</th></tr>
          </thead>
          <tbody>
            <tr><th scope="row">Payment links sent</th><td className="num" data-testid="links-sent">{sheet.messages.paymentLinks}</td></tr>
            <tr><th scope="row">Reminders and final notices sent</th><td className="num" data-testid="reminders-sent">{sheet.messages.reminders}</td></tr>
            <tr><th scope="row">Not delivered (see the invoice)</th><td className="num" data-testid="messages-not-delivered">{sheet.messages.notDelivered}</td></tr>
          </tbody>
        </table>
        <p className="day-sheet__note">
          Message cost: <strong data-testid="messages-cost">{m(sheet.messages.costMinor)}</strong> excl. VAT.
          {sheet.feesCharged.count > 0 && <> Reminder fees charged: <strong data-testid="fees-charged">{m(sheet.feesCharged.totalMinor)}</strong> on {sheet.feesCharged.count} invoice{sheet.feesCharged.count === 1 ? '' : 's'} (owed, not taken).</>}
        </p>
      </section>

      <section className="day-sheet__section" aria-labelledby="day-sheet-outstanding">
        <h2 id="day-sheet-outstanding">Outstanding</h2>
        <p className="day-sheet__note">At the end of {formatLocalDay(sheet.date, settings.locale, { dateStyle: 'long' })}: completed invoices not yet paid in full.</p>
        <table className="table day-sheet__table">
          <caption className="visually-hidden">Outstanding at the end of the day</caption>
          <thead>
            <tr><th scope="col">Invoices</th><th scope="col" className="num">Count</th><th scope="col" className="num">Balance</th></tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Still owing</th>
              <td className="num" data-testid="outstanding-count">{sheet.outstanding.count}</td>
              <td className="num" data-testid="outstanding-total">{m(sheet.outstanding.totalMinor)}</td>
            </tr>
            <tr>
              <th scope="row">of which overdue</th>
              <td className="num" data-testid="overdue-count">{sheet.outstanding.overdueCount}</td>
              <td className="num" data-testid="outstanding-overdue">{m(sheet.outstanding.overdueMinor)}</td>
            </tr>
            <tr>
              <th scope="row">of which ready for debt collection</th>
              <td className="num" data-testid="collection-count">{sheet.outstanding.collectionCount}</td>
              <td className="num" data-testid="outstanding-collection">{m(sheet.outstanding.collectionMinor)}</td>
            </tr>
          </tbody>
        </table>
      </section>
    </div>
  );
}
