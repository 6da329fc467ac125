/**
 * A client's statement (id = client id): the ledger oldest first with a running balance,
 * the totals, the invoices still owing, and what the client owes or holds as credit —
 * the same figures and wording as the ledger tab (shared/domain/ledger.ts,
 * features/clients/ledger-labels.ts), in the client's language (client-paper.tsx). For PrintScreen.
 */
import { useMemo } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useT } from '../../app/language.js';
import { useLiveDocument } from '../../data/live-query.js';
import { useClientMoney } from '../../data/use-client-money.js';
import type { ClientMoney } from '../../../shared/db/client-money.js';
import { clientName } from '../../../shared/domain/clients.js';
import { invoiceNumberLabelOf } from '../../../shared/domain/invoice-completion.js';
import { ledgerEntries, type LedgerEntry } from '../../../shared/domain/ledger.js';
import { localDateOf, type LocalDate } from '../../../shared/domain/time.js';
import type { ClientDoc, InvoiceDoc } from '../../../shared/schemas/index.js';
import { StrongIn } from '../../ui/StrongIn.js';
import { ledgerEntryText } from '../clients/ledger-labels.js';
import { usePrintTitle, type PrintViewProps } from './print-view.js';
import { ClientPaper, PrintClinicHeader, useClientTranslator } from './client-paper.js';
import { deskClock } from '../../app/desk-clock.js';

/** Shown where an entry moves no money, or a date is missing. */
const DASH = '—';

export function StatementPrint({ id, onTitle }: PrintViewProps) {
  const { db } = useDesk();
  const settings = useSettings();
  const { t } = useT();
  const client = useLiveDocument(() => db.clients.findOne(id), [db, id]);
  const data = useClientMoney(db, id);
  const entries = useMemo(() => (data ? ledgerEntries(data.invoices, data.facts, data.account.accounts) : null), [data]);
  const today = localDateOf(deskClock(), settings.timeZone);
  // The PDF's name in the words of the paper.
  const paper = useClientTranslator(client);
  usePrintTitle(onTitle, client && entries ? paper.t('statement.title', { client: clientName(client), date: today }) : null);

  if (client === undefined || !data || !entries) return <><PrintClinicHeader /><p role="status">{t('statement.loading')}</p></>;
  if (client === null) return <><PrintClinicHeader /><p role="alert">{t('statement.notFound')}</p></>;
  return (
    <ClientPaper client={client} header>
      <Statement client={client} data={data} entries={entries} today={today} />
    </ClientPaper>
  );
}

function Statement({ client, data, entries, today }: { client: ClientDoc; data: ClientMoney; entries: readonly LedgerEntry[]; today: LocalDate }) {
  const settings = useSettings();
  const translator = useT();
  const { t } = translator;
  const byId = useMemo(() => new Map<string, InvoiceDoc>(data.invoices.map((i) => [i.id, i])), [data]);
  const a = data.account;
  const m = (minor: number) => translator.money(minor, settings.currency);
  // Money taken off the balance shows as negative; none shows as 0, never "−0".
  const less = (minor: number) => m(minor === 0 ? 0 : -minor);
  const day = (d: string) => (d ? translator.day(d) : DASH);
  const owing = data.invoices.filter((i) => i.kind === 'invoice' && (a.accounts.get(i.id)?.balanceMinor ?? 0) > 0);
  return (
    <article className="print-doc statement" aria-labelledby="statement-title">
      <h1 id="statement-title" className="print-doc__title">{t('statement.heading')}</h1>
      <div className="print-doc__parties">
        <div>
          <h2 className="print-doc__label">{t('statement.to')}</h2>
          <p><strong>{clientName(client)}</strong></p>
          {client.address && <p>{client.address}</p>}
          {client.email && <p>{client.email}</p>}
        </div>
        <dl className="print-details">
          <dt>{t('statement.date')}</dt><dd>{translator.day(today)}</dd>
        </dl>
      </div>

      <h2>{t('statement.account')}</h2>
      {entries.length === 0 ? <p>{t('statement.empty')}</p> : (
        <table className="table print-table" data-testid="statement-table">
          <caption className="visually-hidden">{t('statement.entries.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('statement.entries.date')}</th><th scope="col">{t('statement.entries.description')}</th>
              <th scope="col" className="num">{t('statement.entries.amount')}</th><th scope="col" className="num">{t('statement.balance')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{translator.instantDate(e.at)}</td>
                <td>{t(ledgerEntryText(e, byId))}</td>
                <td className="num">{e.kind === 'credit_applied' ? DASH : m(e.amountMinor)}</td>
                <td className="num">{m(e.runningMinor)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="print-table__total">
              <th scope="row" colSpan={3}>{t('statement.balance')}</th>
              <td className="num" data-testid="statement-balance">{m(a.balanceMinor)}</td>
            </tr>
          </tfoot>
        </table>
      )}

      <h2>{t('statement.totals')}</h2>
      <dl className="print-details print-details--totals">
        <dt>{t('statement.invoiced')}</dt><dd>{m(a.invoicedMinor)}</dd>
        <dt>{t('statement.credited')}</dt><dd>{less(a.creditedMinor)}</dd>
        <dt>{t('statement.paid')}</dt><dd>{less(a.paidMinor)}</dd>
        <dt>{t('statement.refunded')}</dt><dd>{m(a.refundedMinor)}</dd>
        <dt>{t('statement.outstanding')}</dt><dd data-testid="statement-outstanding">{m(a.outstandingMinor)}</dd>
        <dt>{t('statement.clientCredit')}</dt><dd data-testid="statement-credit">{m(a.creditMinor)}</dd>
      </dl>
      <p className="print-doc__conclusion" data-testid="statement-conclusion">
        {a.balanceMinor > 0 ? <StrongIn id="statement.owed" name="amount" value={m(a.balanceMinor)} />
          : a.balanceMinor < 0 ? <StrongIn id="statement.heldAsCredit" name="amount" value={m(-a.balanceMinor)} />
            : t('statement.nothingOwed')}
      </p>

      {owing.length > 0 && (
        <>
          <h2>{t('statement.owing.heading')}</h2>
          <table className="table print-table">
            <caption className="visually-hidden">{t('statement.owing.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('statement.owing.number')}</th><th scope="col">{t('statement.owing.invoiceDate')}</th>
                <th scope="col">{t('statement.owing.dueDate')}</th><th scope="col" className="num">{t('statement.balance')}</th>
              </tr>
            </thead>
            <tbody>
              {owing.map((i) => (
                <tr key={i.id}>
                  <td>{t(invoiceNumberLabelOf(i))}</td>
                  <td>{day(i.invoiceDate)}</td>
                  <td>{day(i.dueDate)}</td>
                  <td className="num">{m(a.accounts.get(i.id)?.balanceMinor ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {settings.bankAccount && a.balanceMinor > 0 && (
        <p className="print-doc__note">{t('statement.payTo', { account: settings.bankAccount })}</p>
      )}
    </article>
  );
}
