/**
 * The invoice pop-up's options menu: send payment link, use client credit, credit note,
 * void (asked twice) and print. A disclosure of buttons: reachable by Tab, closed by
 * Escape, and every item says why when it cannot be used.
 */
import { useId, useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { navigate } from '../../app/router.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { voidInvoice } from '../../../shared/db/invoice-commands.js';
import { applyClientCredit } from '../../../shared/db/payment-commands.js';
import type { InvoiceAccount } from '../../../shared/domain/ledger.js';
import { minorToInput } from '../../../shared/domain/money.js';
import { invoiceNumberInText } from '../../../shared/domain/invoice-completion.js';
import type { InvoiceDoc } from '../../../shared/schemas/index.js';
import { money } from '../../ui/format.js';

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
  const settings = useSettings();
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
  const m = (minor: number) => money(minor, invoice.currency, settings);
  const close = () => setStep(null);

  if (step === 'confirm-void') {
    const what = invoice.status === 'draft' ? 'this draft' : `invoice ${invoiceNumberInText(invoice)}`;
    return (
      <div className="confirm" role="group" aria-label="Void invoice">
        <span>Void {what}? {invoice.status === 'draft' ? 'It will not be sent or charged.' : 'It keeps its number and shows as void.'}</span>
        <button type="button" className="button" onClick={close}>Keep it</button>
        <button type="button" className="button button--danger" onClick={() => { close(); void onRun((operation) => voidInvoice(db, invoice.id, { ...actor, operation }), 'Invoice voided.'); }}>Void invoice</button>
      </div>
    );
  }
  if (step === 'use-credit') {
    return (
      <form className="confirm" aria-label="Use client credit" onSubmit={(e) => { e.preventDefault(); close(); void onRun((operation) => applyClientCredit(db, invoice.id, creditAmount, { ...actor, operation }), 'Client credit used.'); }}>
        <label>
          Credit to use (client has {m(creditMinor)})
          <input className="input--money" inputMode="decimal" value={creditAmount} onChange={(e) => setCreditAmount(e.target.value)} autoFocus />
        </label>
        <button type="button" className="button" onClick={close}>Cancel</button>
        <button type="submit" className="button button--primary">Use credit</button>
      </form>
    );
  }
  return (
    <div className="menu" onKeyDown={(e) => { if (e.key === 'Escape' && step === 'menu') { e.stopPropagation(); close(); } }}>
      <button type="button" className="button" aria-expanded={step === 'menu'} aria-controls={menuId} onClick={() => setStep(step === 'menu' ? null : 'menu')}>Options</button>
      {step === 'menu' && (
        <div className="menu__list" id={menuId} role="group" aria-label="Invoice options">
          {canSendLink && <button type="button" className="menu__item" onClick={() => { close(); onSendLink(); }}>Send payment link…</button>}
          {canUseCredit && (
            <button type="button" className="menu__item" onClick={() => { setCreditAmount(minorToInput(Math.min(creditMinor, balance), invoice.currency)); setStep('use-credit'); }}>
              Use client credit ({m(creditMinor)})
            </button>
          )}
          {canCredit && <button type="button" className="menu__item" onClick={() => { close(); onCredit(); }}>Credit note…</button>}
          {canVoid && <button type="button" className="menu__item" onClick={() => setStep('confirm-void')}>Void invoice…</button>}
          <button type="button" className="menu__item" onClick={() => navigate({ name: 'print', kind: 'invoice', id: invoice.id })}>Print</button>
        </div>
      )}
    </div>
  );
}
