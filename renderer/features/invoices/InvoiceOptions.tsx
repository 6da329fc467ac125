/**
 * The invoice pop-up's options menu: send payment link, use client credit, credit note,
 * void (asked twice) and print. A disclosure of buttons: reachable by Tab, closed by
 * Escape, and every item says why when it cannot be used.
 */
import { useId, useState } from 'react';
import { useDesk } from '../../app/desk-context.js';
import { navigate } from '../../app/router.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { voidInvoice } from '../../../shared/db/invoice-commands.js';
import { applyClientCredit } from '../../../shared/db/payment-commands.js';
import type { InvoiceAccount } from '../../../shared/domain/ledger.js';
import type { InvoiceDoc } from '../../../shared/schemas/index.js';
import { moneyValue } from '../../../shared/i18n/text.js';
import { useT } from '../../app/language.js';
import { moneyInput } from '../../ui/money-input.js';
import { invoiceNumberInTextOf } from '../../../shared/domain/invoice-completion.js';

interface Props {
  invoice: InvoiceDoc;
  account: InvoiceAccount | undefined;
  creditMinor: number;
  onCredit: () => void;
  onSendLink: () => void;
  /** Runs a command once (its operation id from the dialog's command hook). */
  onRun: (action: (operation: string) => Promise<unknown>, done?: string) => Promise<void>;
}

type Step = 'menu' | 'confirm-void' | 'use-credit' | null;

export function InvoiceOptions({ invoice, account, creditMinor, onCredit, onSendLink, onRun }: Props) {
  const { db } = useDesk();
  const { t, locale } = useT();
  const actor = useDeskActor();
  const menuId = useId();
  const [step, setStep] = useState<Step>(null);
  const [creditAmount, setCreditAmount] = useState('');
  const isInvoice = invoice.kind === 'invoice';
  const completed = invoice.status === 'completed';
  const balance = account?.balanceMinor ?? 0;
  const canVoid = isInvoice && invoice.status !== 'void' && actor.can(invoice.status === 'draft' ? 'book' : 'billing');
  const canCredit = isInvoice && completed && actor.can('billing') && (account ? account.chargedMinor > account.creditedMinor : false);
  const canUseCredit = isInvoice && completed && actor.can('billing') && creditMinor > 0 && balance > 0;
  const canSendLink = isInvoice && invoice.status !== 'void' && actor.can('billing') && (invoice.status === 'draft' || balance > 0);
  const amount = (minor: number) => moneyValue(minor, invoice.currency);
  const close = () => setStep(null);

  if (step === 'confirm-void') {
    return (
      <div className="confirm" role="group" aria-label={t('invoiceUi.voidInvoice')}>
        <span>{invoice.status === 'draft' ? t('invoiceUi.voidDraftConfirm') : t('invoiceUi.voidIssuedConfirm', { number: invoiceNumberInTextOf(invoice) })}</span>
        <button type="button" className="button" onClick={close}>{t('invoiceUi.keepIt')}</button>
        <button type="button" className="button button--danger" onClick={() => { close(); void onRun((operation) => voidInvoice(db, invoice.id, { ...actor, operation }), t('invoiceUi.voided')); }}>{t('invoiceUi.voidInvoice')}</button>
      </div>
    );
  }
  if (step === 'use-credit') {
    return (
      <form className="confirm" aria-label={t('invoiceUi.useCreditForm')} onSubmit={(e) => { e.preventDefault(); close(); void onRun((operation) => applyClientCredit(db, invoice.id, creditAmount, { ...actor, operation }), t('invoiceUi.creditUsed')); }}>
        <label>
          {t('invoiceUi.creditToUse', { amount: amount(creditMinor) })}
          <input className="input--money" inputMode="decimal" value={creditAmount} onChange={(e) => setCreditAmount(e.target.value)} autoFocus />
        </label>
        <button type="button" className="button" onClick={close}>{t('common.cancel')}</button>
        <button type="submit" className="button button--primary">{t('invoiceUi.useCredit')}</button>
      </form>
    );
  }
  return (
    <div className="menu" onKeyDown={(e) => { if (e.key === 'Escape' && step === 'menu') { e.stopPropagation(); close(); } }}>
      <button type="button" className="button" aria-expanded={step === 'menu'} aria-controls={menuId} onClick={() => setStep(step === 'menu' ? null : 'menu')}>{t('invoiceUi.options')}</button>
      {step === 'menu' && (
        <div className="menu__list" id={menuId} role="group" aria-label={t('invoiceUi.optionsGroup')}>
          {canSendLink && <button type="button" className="menu__item" onClick={() => { close(); onSendLink(); }}>{t('checkout.sendLink')}</button>}
          {canUseCredit && (
            <button type="button" className="menu__item" onClick={() => { setCreditAmount(moneyInput(Math.min(creditMinor, balance), invoice.currency, locale)); setStep('use-credit'); }}>
              {t('invoiceUi.useCreditItem', { amount: amount(creditMinor) })}
            </button>
          )}
          {canCredit && <button type="button" className="menu__item" onClick={() => { close(); onCredit(); }}>{t('invoiceUi.creditNoteItem')}</button>}
          {canVoid && <button type="button" className="menu__item" onClick={() => setStep('confirm-void')}>{t('invoiceUi.voidItem')}</button>}
          <button type="button" className="menu__item" onClick={() => navigate({ name: 'print', kind: 'invoice', id: invoice.id })}>{t('common.print')}</button>
        </div>
      )}
    </div>
  );
}
