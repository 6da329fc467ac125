/**
 * A client's statement (id = client id): the ledger oldest first with a running balance,
 * the totals, the invoices still owing, and what the client owes or holds as credit —
 * the same figures and wording as the ledger tab (shared/domain/ledger.ts,
 * features/clients/ledger-labels.ts). For PrintScreen.
 */
import { useMemo } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useLiveDocument } from '../../data/live-query.js';
import { useClientMoney } from '../../data/use-client-money.js';
import { clientName } from '../../../shared/domain/clients.js';
import { invoiceNumberLabel } from '../../../shared/domain/invoice-completion.js';
import { ledgerEntries } from '../../../shared/domain/ledger.js';
import { localDateOf } from '../../../shared/domain/time.js';
import { formatInstantDate, formatLocalDay, money } from '../../ui/format.js';
import { ledgerEntryLabel } from '../clients/ledger-labels.js';
import { usePrintTitle, type PrintViewProps } from './print-view.js';
import { deskClock } from '../../app/desk-clock.js';

export function StatementPrint({ id, onTitle }: PrintViewProps) {
  const { db } = useDesk();
  const settings = useSettings();
  const client = useLiveDocument(() => db.clients.findOne(id), [db, id]);
  const data = useClientMoney(db, id);
  const entries = useMemo(() => (data ? ledgerEntries(data.invoices, data.facts, data.account.accounts) : null), [data]);
  const byId = useMemo(() => new Map((data?.invoices ?? []).map((i) => [i.id, i])), [data]);
  const today = localDateOf(deskClock(), settings.timeZone);
  usePrintTitle(onTitle, client && entries ? `Statement – ${clientName(client)} – ${today}` : null);

  if (client === undefined || !data || !entries) return <p role="status">Loading the statement…</p>;
  if (client === null) return <p role="alert">This client does not exist.</p>;

  const a = data.account;
  const m = (minor: number) => money(minor, settings.currency, settings);
  // Money taken off the balance shows as negative; none shows as 0, never "−0".
  const less = (minor: number) => m(minor === 0 ? 0 : -minor);
  const owing = data.invoices.filter((i) => i.kind === 'invoice' && (a.accounts.get(i.id)?.balanceMinor ?? 0) > 0);
  return (
    <article className="print-doc statement" aria-labelledby="statement-title">
      <h1 id="statement-title" className="print-doc__title">Statement</h1>
      <div className="print-doc__parties">
        <div>
          <h2 className="print-doc__label">To</h2>
          <p><strong>{clientName(client)}</strong></p>
          {client.address && <p>{client.address}</p>}
          {client.email && <p>{client.email}</p>}
        </div>
        <dl className="print-details">
          <dt>Statement date</dt><dd>{formatLocalDay(today, settings.locale)}</dd>
        </dl>
      </div>

      <h2>Account</h2>
      {entries.length === 0 ? <p>Nothing has been charged or paid on this account.</p> : (
        <table className="table print-table" data-testid="statement-table">
          <caption className="visually-hidden">Account entries, oldest first, with the running balance</caption>
          <thead>
            <tr><th scope="col">Date</th><th scope="col">Description</th><th scope="col" className="num">Amount</th><th scope="col" className="num">Balance</th></tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatInstantDate(e.at, settings)}</td>
                <td>{ledgerEntryLabel(e, byId)}</td>
                <td className="num">{e.kind === 'credit_applied' ? '—' : m(e.amountMinor)}</td>
                <td className="num">{m(e.runningMinor)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="print-table__total">
              <th scope="row" colSpan={3}>Balance</th>
              <td className="num" data-testid="statement-balance">{m(a.balanceMinor)}</td>
            </tr>
          </tfoot>
        </table>
      )}

      <h2>Totals</h2>
      <dl className="print-details print-details--totals">
        <dt>Invoiced</dt><dd>{m(a.invoicedMinor)}</dd>
        <dt>Credited</dt><dd>{less(a.creditedMinor)}</dd>
        <dt>Paid</dt><dd>{less(a.paidMinor)}</dd>
        <dt>Refunded</dt><dd>{m(a.refundedMinor)}</dd>
        <dt>Outstanding on invoices</dt><dd data-testid="statement-outstanding">{m(a.outstandingMinor)}</dd>
        <dt>Client credit</dt><dd data-testid="statement-credit">{m(a.creditMinor)}</dd>
      </dl>
      <p className="print-doc__conclusion" data-testid="statement-conclusion">
        {a.balanceMinor > 0 ? <>Owed by the client: <strong>{m(a.balanceMinor)}</strong></>
          : a.balanceMinor < 0 ? <>Held as credit for the client: <strong>{m(-a.balanceMinor)}</strong></>
            : <>Nothing is owed.</>}
      </p>

      {owing.length > 0 && (
        <>
          <h2>Invoices still owing</h2>
          <table className="table print-table">
            <caption className="visually-hidden">Invoices with a balance left</caption>
            <thead>
              <tr><th scope="col">Invoice no.</th><th scope="col">Invoice date</th><th scope="col">Due date</th><th scope="col" className="num">Balance</th></tr>
            </thead>
            <tbody>
              {owing.map((i) => (
                <tr key={i.id}>
                  <td>{invoiceNumberLabel(i)}</td>
                  <td>{i.invoiceDate ? formatLocalDay(i.invoiceDate, settings.locale) : '—'}</td>
                  <td>{i.dueDate ? formatLocalDay(i.dueDate, settings.locale) : '—'}</td>
                  <td className="num">{m(a.accounts.get(i.id)?.balanceMinor ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {settings.bankAccount && a.balanceMinor > 0 && (
        <p className="print-doc__note">Pay to account {settings.bankAccount}, marked with the invoice number.</p>
      )}
    </article>
  );
}
