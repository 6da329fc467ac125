/**
 * POS checkout for one invoice: its lines and balance on the left, taking payment on the
 * right — method, amount (the balance, or a part typed or entered on the calculator),
 * cash received and change due — then a confirmation with the new balance and a receipt.
 * Keyboard-first: the amount has focus with the balance filled in, Alt+letter picks the
 * method, Enter takes the payment, Escape leaves.
 */
import { useEffect, useRef, useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { routeHref } from '../../app/router.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { useCommand } from '../../app/use-command.js';
import { useLiveDocument } from '../../data/live-query.js';
import { useClientMoney } from '../../data/use-client-money.js';
import { takePayment, type PaymentTaken } from '../../../shared/db/payment-commands.js';
import { clientName } from '../../../shared/domain/clients.js';
import { invoiceNumberInText } from '../../../shared/domain/invoice-completion.js';
import { invoiceTotals, lineTotals } from '../../../shared/domain/invoice-math.js';
import { payableAccount } from '../../../shared/domain/ledger.js';
import { shownInvoiceState } from '../../../shared/domain/invoice-state.js';
import { ShownStateBadge } from '../invoices/ShownStateBadge.js';
import { parseAmount } from '../../../shared/domain/money.js';
import { DESK_METHODS, METHOD_LABELS, type DeskMethod } from '../../../shared/domain/payment-rules.js';
import { RefusedError } from '../../../shared/domain/result.js';
import { errorText } from '../../ui/errors.js';
import { money } from '../../ui/format.js';
import { Calculator } from './Calculator.js';
import { amountOnScreen, type TypedAmount } from './checkout-amount.js';
import { LinkStatus } from '../payment-links/LinkStatus.js';
import { SendLinkDialog } from '../payment-links/SendLinkDialog.js';
import { usePaymentRequests } from '../payment-links/use-payment-requests.js';
import './checkout.css';

const ACCESS_KEYS: Readonly<Record<DeskMethod, string>> = { cash: 'c', card_terminal: 'k', bank_transfer: 'b', other: 'o' };

export function CheckoutScreen({ invoiceId }: { invoiceId: string }) {
  const { db } = useDesk();
  const settings = useSettings();
  const actor = useDeskActor();
  const invoice = useLiveDocument(() => db.invoices.findOne(invoiceId), [db, invoiceId]);
  const client = useLiveDocument(() => (invoice ? db.clients.findOne(invoice.clientId) : null), [db, invoice?.clientId]);
  const clientMoney = useClientMoney(db, invoice?.clientId);
  const [method, setMethod] = useState<DeskMethod>(settings.defaultAltPaymentMethod);
  const [typed, setTyped] = useState<TypedAmount | null>(null);
  const [received, setReceived] = useState('');
  const [toCredit, setToCredit] = useState(false);
  const [error, setError] = useState<{ message: string; field: string | undefined } | null>(null);
  const command = useCommand();
  const busy = command.busy;
  const [taken, setTaken] = useState<PaymentTaken | null>(null);
  const [sendingLink, setSendingLink] = useState(false);
  const [showQr, setShowQr] = useState(false);
  const requests = usePaymentRequests(db, invoiceId);
  const hasOpenLink = (requests ?? []).some((r) => r.status === 'sent' && r.linkUrl);
  const amountRef = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);

  const account = invoice ? clientMoney?.account.accounts.get(invoice.id) : undefined;
  // A draft is charged its total once completed, which taking payment does.
  const balance = invoice ? payableAccount(invoice, account).balanceMinor : 0;
  const onScreen = invoice ? amountOnScreen(typed, balance, invoice.currency) : { text: '', typed: false };
  const amountText = onScreen.text;
  const setAmount = (text: string) => setTyped({ text, balanceMinor: balance, sentAsLink: false });

  const ready = invoice !== undefined && clientMoney !== undefined;
  useEffect(() => {
    if (!taken) amountRef.current?.select();
    else doneRef.current?.focus();
  }, [taken, ready]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape' && !document.querySelector('dialog[open]')) history.back(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (invoice === undefined || (invoice && !clientMoney)) return <section className="screen"><p role="status">Loading…</p></section>;
  if (invoice === null) return <section className="screen"><h1>Checkout</h1><p role="alert">This invoice no longer exists.</p></section>;

  const cur = invoice.currency;
  const m = (minor: number) => money(minor, cur, settings);
  const parsed = parseAmount(amountText, cur);
  const parsedReceived = parseAmount(received, cur);
  const changeMinor = method === 'cash' && parsed.ok && parsedReceived.ok ? parsedReceived.value - parsed.value : null;
  const above = parsed.ok && parsed.value > balance;
  const canTake = actor.can('billing');
  const closed = invoice.kind !== 'invoice' || invoice.status === 'void';

  const submit = async () => {
    setError(null);
    try {
      const input = { amount: amountText, method, tendered: method === 'cash' ? received : undefined, overpaymentToCredit: toCredit };
      const result = await command.run((operation) => takePayment(db, invoice.id, input, { ...actor, operation }));
      if (!result) return;
      setTaken(result);
      setTyped(null);
      setReceived('');
      setToCredit(false);
    } catch (err) {
      const field = err instanceof RefusedError ? err.field : undefined;
      setError({ message: errorText(err), field });
      (field === 'tendered' ? document.getElementById('received') : amountRef.current)?.focus();
    }
  };

  const number = invoice.status === 'draft' ? 'Draft invoice' : `Invoice ${invoiceNumberInText(invoice)}`;
  return (
    <section className="screen checkout" aria-labelledby="checkout-title">
      <header className="screen__header">
        <h1 id="checkout-title">Checkout</h1>
        <a className="button" href={routeHref({ name: 'client', id: invoice.clientId, tab: 'invoices' })}>Client’s invoices</a>
      </header>
      <div className="checkout__grid">
        <section className="card checkout__invoice" aria-labelledby="checkout-invoice">
          <h2 id="checkout-invoice">{number} · {client ? clientName(client) : '…'}</h2>
          {account && <p><ShownStateBadge state={shownInvoiceState(account, requests ?? [])} /></p>}
          <table className="table">
            <caption className="visually-hidden">Lines</caption>
            <thead><tr><th scope="col">Description</th><th scope="col" className="num">Amount</th></tr></thead>
            <tbody>
              {invoice.lines.map((l) => <tr key={l.id}><td>{l.quantity > 1 ? `${l.quantity} × ` : ''}{l.description}</td><td className="num">{m(lineTotals(l).grossMinor)}</td></tr>)}
            </tbody>
            <tfoot>
              <tr><th scope="row">Total</th><td className="num">{m(invoiceTotals(invoice.lines).totalMinor)}</td></tr>
              {account && account.creditedMinor > 0 && <tr><th scope="row">Credited</th><td className="num">{m(-account.creditedMinor)}</td></tr>}
              {account && account.paidMinor > 0 && <tr><th scope="row">Paid</th><td className="num">{m(-account.paidMinor)}</td></tr>}
              <tr className="checkout__balance"><th scope="row">Balance</th><td className="num" data-testid="checkout-balance">{m(Math.max(balance, 0))}</td></tr>
            </tfoot>
          </table>
          {invoice.status === 'draft' && <p className="muted">This draft is completed (numbered and locked) when you take payment.</p>}
          {!closed && canTake && balance > 0 && (
            <div className="toolbar">
              <button type="button" className="button" onClick={() => setSendingLink(true)}>Send payment link…</button>
              <button type="button" className="button" aria-pressed={showQr} onClick={() => setShowQr(!showQr)}>{showQr ? 'Hide QR code' : 'Show QR code'}</button>
            </div>
          )}
          <LinkStatus invoiceId={invoice.id} showQr={showQr} />
          {showQr && !hasOpenLink && <p className="muted">Send a payment link first; its QR code then shows here for the client to scan.</p>}
        </section>
        {sendingLink && (
          <SendLinkDialog invoice={invoice} balanceMinor={balance} amount={onScreen.typed && amountText.trim() !== '' ? amountText : undefined}
            onClose={() => setSendingLink(false)} onSent={() => setTyped((t) => (t ? { ...t, sentAsLink: true } : t))} />
        )}

        {taken ? (
          <section className="card checkout__done" aria-labelledby="checkout-done">
            <h2 id="checkout-done" tabIndex={-1} ref={doneRef}>Payment taken</h2>
            <dl className="details">
              <dt>Paid</dt><dd>{m(taken.plan.amountMinor)} · {METHOD_LABELS[taken.payment.method]}</dd>
              {taken.plan.changeMinor > 0 && <><dt>Change due</dt><dd className="checkout__change" data-testid="change-due">{m(taken.plan.changeMinor)}</dd></>}
              {taken.plan.toCreditMinor > 0 && <><dt>Kept as client credit</dt><dd>{m(taken.plan.toCreditMinor)}</dd></>}
              <dt>New balance</dt><dd data-testid="new-balance">{m(Math.max(balance, 0))}</dd>
            </dl>
            <div className="toolbar">
              <a className="button" href={routeHref({ name: 'print', kind: 'receipt', id: taken.payment.id })}>Print receipt</a>
              {balance > 0 && <button type="button" className="button" onClick={() => setTaken(null)}>Take another payment</button>}
              <button type="button" className="button button--primary" onClick={() => history.back()}>Done</button>
            </div>
          </section>
        ) : account?.state === 'paid' ? (
          <section className="card checkout__done" aria-labelledby="checkout-paid">
            <h2 id="checkout-paid" data-testid="checkout-paid">Paid</h2>
            <p role="status">Nothing is left to pay on this invoice.</p>
            <div className="toolbar"><button type="button" className="button button--primary" onClick={() => history.back()}>Done</button></div>
          </section>
        ) : closed ? (
          <section className="card"><h2>No payment to take</h2><p>{invoice.status === 'void' ? 'This invoice is void.' : 'A credit note does not take payments.'}</p></section>
        ) : !canTake ? (
          <section className="card"><h2>Take payment</h2><p role="alert">Taking payments needs the billing permission. Ask someone with billing rights.</p></section>
        ) : (
          <form className="card checkout__pay" aria-labelledby="checkout-pay" onSubmit={(e) => { e.preventDefault(); void submit(); }}
            onKeyDown={(e) => {
              // Alt+C/K/B/O picks the method without leaving the amount.
              const picked = e.altKey ? DESK_METHODS.find((mth) => ACCESS_KEYS[mth] === e.key.toLowerCase()) : undefined;
              if (picked) { e.preventDefault(); setMethod(picked); }
            }}>
            <h2 id="checkout-pay">Take payment</h2>
            {balance <= 0 && <p className="notice">This invoice is paid. Anything taken now is kept as client credit.</p>}
            {error && <p className="form-error" role="alert">{error.message}</p>}
            <fieldset className="method-list">
              <legend>Method</legend>
              {DESK_METHODS.map((mth) => (
                <label key={mth} className={`method${method === mth ? ' method--chosen' : ''}`}>
                  <input type="radio" name="method" value={mth} checked={method === mth} onChange={() => setMethod(mth)} />
                  {METHOD_LABELS[mth]} <kbd aria-hidden="true">Alt+{ACCESS_KEYS[mth].toUpperCase()}</kbd>
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="amount">Amount</label>
              <input id="amount" ref={amountRef} className="checkout__amount" inputMode="decimal" autoComplete="off" aria-invalid={error?.field === 'amount' ? true : undefined}
                value={amountText} onChange={(e) => setAmount(e.target.value)} />
              <p className="field__hint" data-testid="amount-hint">
                {onScreen.typed ? `The balance is ${m(Math.max(balance, 0))}; “Full balance” fills it in again.` : 'The full balance is filled in; type a smaller amount for a part payment.'}
              </p>
            </div>
            <Calculator value={amountText} fresh={!onScreen.typed} onChange={setAmount} onFull={() => setTyped(null)} />
            {method === 'cash' && (
              <div className="field">
                <label htmlFor="received">Cash received (optional)</label>
                <input id="received" className="checkout__amount" inputMode="decimal" autoComplete="off" aria-invalid={error?.field === 'tendered' ? true : undefined}
                  value={received} onChange={(e) => setReceived(e.target.value)} />
                <p className="checkout__change-line" aria-live="polite">{changeMinor !== null && changeMinor >= 0 ? <>Change due: <strong>{m(changeMinor)}</strong></> : ' '}</p>
              </div>
            )}
            {(above || balance <= 0) && (
              <label className="checkbox">
                <input type="checkbox" checked={toCredit} onChange={(e) => setToCredit(e.target.checked)} />
                Keep {parsed.ok ? m(parsed.value - Math.max(balance, 0)) : 'the amount'} above the balance as client credit
              </label>
            )}
            <button type="submit" className="button button--primary button--large" disabled={busy} aria-busy={busy}>{busy ? 'Taking payment…' : `Take payment${parsed.ok ? ` · ${m(parsed.value)}` : ''}`}</button>
          </form>
        )}
      </div>
    </section>
  );
}
