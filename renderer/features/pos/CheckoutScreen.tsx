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
import { invoiceNumberInTextOf } from '../../../shared/domain/invoice-completion.js';
import { invoiceTotals, lineTotals } from '../../../shared/domain/invoice-math.js';
import { payableAccount } from '../../../shared/domain/ledger.js';
import { shownInvoiceState } from '../../../shared/domain/invoice-state.js';
import { ShownStateBadge } from '../invoices/ShownStateBadge.js';
import { parseAmount } from '../../../shared/domain/money.js';
import { DESK_METHODS, METHOD_LABELS, type DeskMethod } from '../../../shared/domain/payment-rules.js';
import { RefusedError } from '../../../shared/domain/result.js';
import { moneyValue, text } from '../../../shared/i18n/text.js';
import { useT } from '../../app/language.js';
import { errorText } from '../../ui/errors.js';
import { StrongIn } from '../../ui/StrongIn.js';
import { Calculator } from './Calculator.js';
import { amountOnScreen, type TypedAmount } from './checkout-amount.js';
import { LinkStatus } from '../payment-links/LinkStatus.js';
import { SendLinkDialog } from '../payment-links/SendLinkDialog.js';
import { usePaymentRequests } from '../payment-links/use-payment-requests.js';
import './checkout.css';

const ACCESS_KEYS: Readonly<Record<DeskMethod, string>> = { cash: 'c', card_terminal: 'k', bank_transfer: 'b', other: 'o' };
const ELLIPSIS = '…';
/** Keeps the change line's height while there is no change to show. */
const BLANK = ' ';

export function CheckoutScreen({ invoiceId }: { invoiceId: string }) {
  const { db } = useDesk();
  const settings = useSettings();
  const translator = useT();
  const { t, money, locale } = translator;
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
  const onScreen = invoice ? amountOnScreen(typed, balance, invoice.currency, locale) : { text: '', typed: false };
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

  if (invoice === undefined || (invoice && !clientMoney)) return <section className="screen"><p role="status">{t('common.loading')}</p></section>;
  if (invoice === null) return <section className="screen"><h1>{t('checkout.title')}</h1><p role="alert">{t('invoiceUi.gone')}</p></section>;

  const cur = invoice.currency;
  const m = (minor: number) => money(minor, cur);
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
      setError({ message: errorText(err, translator), field });
      (field === 'tendered' ? document.getElementById('received') : amountRef.current)?.focus();
    }
  };

  const number = invoice.status === 'draft' ? t('invoiceUi.draftTitle') : t('invoiceUi.invoiceTitle', { number: invoiceNumberInTextOf(invoice) });
  return (
    <section className="screen checkout" aria-labelledby="checkout-title">
      <header className="screen__header">
        <h1 id="checkout-title">{t('checkout.title')}</h1>
        <a className="button" href={routeHref({ name: 'client', id: invoice.clientId, tab: 'invoices' })}>{t('checkout.clientInvoices')}</a>
      </header>
      <div className="checkout__grid">
        <section className="card checkout__invoice" aria-labelledby="checkout-invoice">
          <h2 id="checkout-invoice">{t('checkout.invoiceHeading', { invoice: number, client: client ? clientName(client) : ELLIPSIS })}</h2>
          {account && <p><ShownStateBadge state={shownInvoiceState(account, requests ?? [])} /></p>}
          <table className="table">
            <caption className="visually-hidden">{t('checkout.lines')}</caption>
            <thead><tr><th scope="col">{t('checkout.col.description')}</th><th scope="col" className="num">{t('checkout.col.amount')}</th></tr></thead>
            <tbody>
              {invoice.lines.map((l) => <tr key={l.id}><td>{l.quantity > 1 ? t('checkout.lineQuantity', { quantity: l.quantity, description: l.description }) : l.description}</td><td className="num">{m(lineTotals(l).grossMinor)}</td></tr>)}
            </tbody>
            <tfoot>
              <tr><th scope="row">{t('checkout.total')}</th><td className="num">{m(invoiceTotals(invoice.lines).totalMinor)}</td></tr>
              {account && account.creditedMinor > 0 && <tr><th scope="row">{t('checkout.credited')}</th><td className="num">{m(-account.creditedMinor)}</td></tr>}
              {account && account.paidMinor > 0 && <tr><th scope="row">{t('checkout.paid')}</th><td className="num">{m(-account.paidMinor)}</td></tr>}
              <tr className="checkout__balance"><th scope="row">{t('checkout.balance')}</th><td className="num" data-testid="checkout-balance">{m(Math.max(balance, 0))}</td></tr>
            </tfoot>
          </table>
          {invoice.status === 'draft' && <p className="muted">{t('checkout.draftNote')}</p>}
          {!closed && canTake && balance > 0 && (
            <div className="toolbar">
              <button type="button" className="button" onClick={() => setSendingLink(true)}>{t('checkout.sendLink')}</button>
              <button type="button" className="button" aria-pressed={showQr} onClick={() => setShowQr(!showQr)}>{showQr ? t('checkout.hideQr') : t('checkout.showQr')}</button>
            </div>
          )}
          <LinkStatus invoiceId={invoice.id} showQr={showQr} />
          {showQr && !hasOpenLink && <p className="muted">{t('checkout.qrFirst')}</p>}
        </section>
        {sendingLink && (
          <SendLinkDialog invoice={invoice} balanceMinor={balance} amount={onScreen.typed && amountText.trim() !== '' ? amountText : undefined}
            onClose={() => setSendingLink(false)} onSent={() => setTyped((t) => (t ? { ...t, sentAsLink: true } : t))} />
        )}

        {taken ? (
          <section className="card checkout__done" aria-labelledby="checkout-done">
            <h2 id="checkout-done" tabIndex={-1} ref={doneRef}>{t('checkout.taken')}</h2>
            <dl className="details">
              <dt>{t('checkout.paid')}</dt><dd>{t('checkout.paidWith', { amount: moneyValue(taken.plan.amountMinor, cur), method: text(METHOD_LABELS[taken.payment.method]) })}</dd>
              {taken.plan.changeMinor > 0 && <><dt>{t('checkout.changeDue')}</dt><dd className="checkout__change" data-testid="change-due">{m(taken.plan.changeMinor)}</dd></>}
              {taken.plan.toCreditMinor > 0 && <><dt>{t('checkout.keptAsCredit')}</dt><dd>{m(taken.plan.toCreditMinor)}</dd></>}
              <dt>{t('checkout.newBalance')}</dt><dd data-testid="new-balance">{m(Math.max(balance, 0))}</dd>
            </dl>
            <div className="toolbar">
              <a className="button" href={routeHref({ name: 'print', kind: 'receipt', id: taken.payment.id })}>{t('checkout.printReceipt')}</a>
              {balance > 0 && <button type="button" className="button" onClick={() => setTaken(null)}>{t('checkout.another')}</button>}
              <button type="button" className="button button--primary" onClick={() => history.back()}>{t('common.done')}</button>
            </div>
          </section>
        ) : account?.state === 'paid' ? (
          <section className="card checkout__done" aria-labelledby="checkout-paid">
            <h2 id="checkout-paid" data-testid="checkout-paid">{t('checkout.paid')}</h2>
            <p role="status">{t('checkout.nothingLeft')}</p>
            <div className="toolbar"><button type="button" className="button button--primary" onClick={() => history.back()}>{t('common.done')}</button></div>
          </section>
        ) : closed ? (
          <section className="card"><h2>{t('checkout.noPayment')}</h2><p>{invoice.status === 'void' ? t('checkout.isVoid') : t('checkout.creditNoteNoPayment')}</p></section>
        ) : !canTake ? (
          <section className="card"><h2>{t('checkout.takePayment')}</h2><p role="alert">{t('checkout.needsBilling')}</p></section>
        ) : (
          <form className="card checkout__pay" aria-labelledby="checkout-pay" onSubmit={(e) => { e.preventDefault(); void submit(); }}
            onKeyDown={(e) => {
              // Alt+C/K/B/O picks the method without leaving the amount.
              const picked = e.altKey ? DESK_METHODS.find((mth) => ACCESS_KEYS[mth] === e.key.toLowerCase()) : undefined;
              if (picked) { e.preventDefault(); setMethod(picked); }
            }}>
            <h2 id="checkout-pay">{t('checkout.takePayment')}</h2>
            {balance <= 0 && <p className="notice">{t('checkout.alreadyPaid')}</p>}
            {error && <p className="form-error" role="alert">{error.message}</p>}
            <fieldset className="method-list">
              <legend>{t('checkout.method')}</legend>
              {DESK_METHODS.map((mth) => (
                <label key={mth} className={`method${method === mth ? ' method--chosen' : ''}`}>
                  <input type="radio" name="method" value={mth} checked={method === mth} onChange={() => setMethod(mth)} />
                  {t(METHOD_LABELS[mth])} <kbd aria-hidden="true">{t('checkout.accessKey', { key: ACCESS_KEYS[mth].toUpperCase() })}</kbd>
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="amount">{t('checkout.amount')}</label>
              <input id="amount" ref={amountRef} className="checkout__amount" inputMode="decimal" autoComplete="off" aria-invalid={error?.field === 'amount' ? true : undefined}
                value={amountText} onChange={(e) => setAmount(e.target.value)} />
              <p className="field__hint" data-testid="amount-hint">
                {onScreen.typed ? t('checkout.hint.typed', { balance: moneyValue(Math.max(balance, 0), cur) }) : t('checkout.hint.full')}
              </p>
            </div>
            <Calculator value={amountText} fresh={!onScreen.typed} onChange={setAmount} onFull={() => setTyped(null)} />
            {method === 'cash' && (
              <div className="field">
                <label htmlFor="received">{t('checkout.cashReceived')}</label>
                <input id="received" className="checkout__amount" inputMode="decimal" autoComplete="off" aria-invalid={error?.field === 'tendered' ? true : undefined}
                  value={received} onChange={(e) => setReceived(e.target.value)} />
                <p className="checkout__change-line" aria-live="polite">{changeMinor !== null && changeMinor >= 0 ? <StrongIn id="checkout.changeDueLine" name="amount" value={m(changeMinor)} /> : BLANK}</p>
              </div>
            )}
            {(above || balance <= 0) && (
              <label className="checkbox">
                <input type="checkbox" checked={toCredit} onChange={(e) => setToCredit(e.target.checked)} />
                {parsed.ok ? t('checkout.keepAsCredit', { amount: moneyValue(parsed.value - Math.max(balance, 0), cur) }) : t('checkout.keepAmountAsCredit')}
              </label>
            )}
            <button type="submit" className="button button--primary button--large" disabled={busy} aria-busy={busy}>{busy ? t('checkout.taking') : parsed.ok ? t('checkout.takePaymentAmount', { amount: moneyValue(parsed.value, cur) }) : t('checkout.takePayment')}</button>
          </form>
        )}
      </div>
    </section>
  );
}
