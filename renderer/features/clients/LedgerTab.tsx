/**
 * A client's ledger: charges, payments, refunds, credit notes and credit used, oldest
 * first with a running balance; what they owe or hold as credit; refunding credit; and
 * the statement to print and take home.
 */
import { useMemo, useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { routeHref } from '../../app/router.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { useCommand } from '../../app/use-command.js';
import { useClientMoney } from '../../data/use-client-money.js';
import { refundClientCredit } from '../../../shared/db/payment-commands.js';
import { ledgerEntries } from '../../../shared/domain/ledger.js';
import { cardPayments } from '../../../shared/domain/card-refund.js';
import { DESK_METHODS, METHOD_LABELS, type DeskMethod } from '../../../shared/domain/payment-rules.js';
import { moneyValue } from '../../../shared/i18n/text.js';
import { useT } from '../../app/language.js';
import { errorText } from '../../ui/errors.js';
import { moneyInput } from '../../ui/money-input.js';
import { InvoiceDialog } from '../invoices/InvoiceDialog.js';
import { ledgerEntryLabel } from './ledger-labels.js';

/** The refund form's choice: a desk method, or back to the card through the payment provider. */
const CARD = 'card';
type RefundMethod = DeskMethod | typeof CARD;
const DASH = '—';

export function LedgerTab({ clientId }: { clientId: string }) {
  const { db, main } = useDesk();
  const settings = useSettings();
  const translator = useT();
  const { t, money, dateTime, locale } = translator;
  const actor = useDeskActor();
  const data = useClientMoney(db, clientId);
  const [open, setOpen] = useState<string | null>(null);
  const [refund, setRefund] = useState<{ amount: string; method: RefundMethod } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refundCommand = useCommand();
  // Its own operation: a card refund that failed is retried as the same refund, never turned into a cash one.
  const cardCommand = useCommand();
  const entries = useMemo(() => (data ? ledgerEntries(data.invoices, data.facts, data.account.accounts) : null), [data]);
  const byId = useMemo(() => new Map((data?.invoices ?? []).map((i) => [i.id, i])), [data]);

  if (!data || !entries) return <p role="status">{t('ledger.loading')}</p>;
  const a = data.account;
  const m = (minor: number) => money(minor, settings.currency);
  const paidByCard = cardPayments(data.facts).length > 0;
  const submitRefund = () => {
    if (!refund) return;
    setError(null);
    setNotice(null);
    // One operation for this refund form: pressed twice, or again after an error, it pays back once.
    if (refund.method === CARD) {
      // Main refunds at the payment provider, with the operation id as its idempotency key (decision 0030).
      cardCommand.run((operation) => main.invoke('payments.refundToCard', { staffId: actor.actor, operationId: operation, clientId, amount: refund.amount })).then(
        (done) => {
          if (!done) return;
          setRefund(null);
          setNotice(t('ledger.refundedToCard', { amount: moneyValue(done.amountMinor, settings.currency) }));
        },
        (err: unknown) => setError(errorText(err, translator)),
      );
      return;
    }
    const method = refund.method;
    refundCommand.run((operation) => refundClientCredit(db, clientId, refund.amount, method, { ...actor, operation })).then(
      (done) => { if (done) { setRefund(null); setNotice(t('ledger.refundRecorded')); } },
      (err: unknown) => setError(errorText(err, translator)),
    );
  };

  return (
    <div className="ledger">
      <dl className="summary-cards" aria-label={t('ledger.summary')}>
        <div><dt>{t('ledger.balance')}</dt><dd data-testid="ledger-balance">{a.balanceMinor >= 0 ? m(a.balanceMinor) : t('ledger.inCredit', { amount: moneyValue(-a.balanceMinor, settings.currency) })}</dd></div>
        <div><dt>{t('ledger.outstanding')}</dt><dd data-testid="ledger-outstanding">{m(a.outstandingMinor)}</dd></div>
        <div><dt>{t('ledger.credit')}</dt><dd data-testid="ledger-credit">{m(a.creditMinor)}</dd></div>
      </dl>
      <div className="toolbar">
        <a className="button" href={routeHref({ name: 'print', kind: 'statement', id: clientId })}>{t('ledger.printStatement')}</a>
        {a.creditMinor > 0 && actor.can('billing') && !refund && (
          <button type="button" className="button" onClick={() => setRefund({ amount: moneyInput(a.creditMinor, settings.currency, locale), method: paidByCard ? CARD : settings.defaultAltPaymentMethod })}>{t('ledger.refundCredit')}</button>
        )}
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      {notice && <p className="notice" role="status">{notice}</p>}
      {refund && (
        <form className="inline-form" aria-label={t('ledger.refundForm')} onSubmit={(e) => { e.preventDefault(); submitRefund(); }}>
          <label>{t('ledger.amount')} <input className="input--money" inputMode="decimal" value={refund.amount} onChange={(e) => setRefund({ ...refund, amount: e.target.value })} autoFocus /></label>
          <label>{t('ledger.paidBackBy')}
            <select value={refund.method} onChange={(e) => setRefund({ ...refund, method: e.target.value as RefundMethod })}>
              {paidByCard && <option value={CARD}>{t('ledger.toCardOption')}</option>}
              {DESK_METHODS.map((mth) => <option key={mth} value={mth}>{t(METHOD_LABELS[mth])}</option>)}
            </select>
          </label>
          <button type="button" className="button" onClick={() => setRefund(null)}>{t('common.cancel')}</button>
          <button type="submit" className="button button--primary" disabled={refundCommand.busy || cardCommand.busy} aria-busy={refundCommand.busy || cardCommand.busy}>{cardCommand.busy ? t('ledger.refunding') : refundCommand.busy ? t('ledger.recording') : refund.method === CARD ? t('ledger.refundToCard') : t('ledger.recordRefund')}</button>
        </form>
      )}
      {entries.length === 0 ? <p className="muted">{t('ledger.empty')}</p> : (
        <table className="table ledger__table">
          <caption className="visually-hidden">{t('ledger.caption')}</caption>
          <thead><tr><th scope="col">{t('ledger.col.date')}</th><th scope="col">{t('ledger.col.entry')}</th><th scope="col" className="num">{t('ledger.col.amount')}</th><th scope="col" className="num">{t('ledger.col.balance')}</th></tr></thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{dateTime(e.at)}</td>
                <td>
                  {e.invoiceId && byId.has(e.invoiceId)
                    ? <button type="button" className="link-button" onClick={() => setOpen(e.invoiceId)}>{ledgerEntryLabel(e, byId, translator)}</button>
                    : ledgerEntryLabel(e, byId, translator)}
                </td>
                <td className="num">{e.kind === 'credit_applied' ? <span className="muted">{DASH}</span> : m(e.amountMinor)}</td>
                <td className="num">{m(e.runningMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && <InvoiceDialog invoiceId={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
