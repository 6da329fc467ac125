/**
 * The invoice pop-up, opened from the calendar, the client record and the ledger:
 * the invoice as the client sees it (a "Preview" label while draft), editing lines while
 * draft, Complete invoice, taking payment, an options menu (payment link, client credit,
 * credit note, void, print) and the invoice log. Buttons follow the staff member's
 * permissions; the data layer enforces them regardless.
 */
import { useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useT } from '../../app/language.js';
import { navigate } from '../../app/router.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { useCommand } from '../../app/use-command.js';
import { usePaymentRequests } from '../payment-links/use-payment-requests.js';
import { useLiveDocument } from '../../data/live-query.js';
import { useClientMoney } from '../../data/use-client-money.js';
import { completeInvoice } from '../../../shared/db/invoice-commands.js';
import { Dialog } from '../../ui/Dialog.js';
import { errorText } from '../../ui/errors.js';
import { CreditNoteForm } from './CreditNoteForm.js';
import { InvoiceDocument } from './InvoiceDocument.js';
import { payableAccount } from '../../../shared/domain/ledger.js';
import { invoiceNumberInTextOf } from '../../../shared/domain/invoice-completion.js';
import { InvoiceLog } from './InvoiceLog.js';
import { InvoiceOptions } from './InvoiceOptions.js';
import { LineEditor } from './LineEditor.js';
import { LinkStatus } from '../payment-links/LinkStatus.js';
import { SendLinkDialog } from '../payment-links/SendLinkDialog.js';

type View = 'invoice' | 'edit' | 'credit' | 'log';

export function InvoiceDialog({ invoiceId, onClose }: { invoiceId: string; onClose: () => void }) {
  const { db } = useDesk();
  const settings = useSettings();
  const translator = useT();
  const { t } = translator;
  const actor = useDeskActor();
  const [shownId, setShownId] = useState(invoiceId);
  const [view, setView] = useState<View>('invoice');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const command = useCommand();
  const busy = command.busy;
  const [sendingLink, setSendingLink] = useState(false);
  const invoice = useLiveDocument(() => db.invoices.findOne(shownId), [db, shownId]);
  const client = useLiveDocument(() => (invoice ? db.clients.findOne(invoice.clientId) : null), [db, invoice?.clientId]);
  const credited = useLiveDocument(() => (invoice?.creditsInvoiceId ? db.invoices.findOne(invoice.creditsInvoiceId) : null), [db, invoice?.creditsInvoiceId]);
  const money = useClientMoney(db, invoice?.clientId);
  const requests = usePaymentRequests(db, invoice?.id);

  if (invoice === undefined) return <Dialog title={t('invoiceUi.invoice')} onClose={onClose}><p role="status">{t('common.loading')}</p></Dialog>;
  if (invoice === null) return <Dialog title={t('invoiceUi.invoice')} onClose={onClose}><p role="alert">{t('invoiceUi.gone')}</p></Dialog>;

  const account = money?.account.accounts.get(invoice.id);
  const isDraft = invoice.status === 'draft';
  const isCreditNote = invoice.kind === 'credit_note';
  const number = invoiceNumberInTextOf(invoice);
  const title = isCreditNote ? t('invoiceUi.creditNoteTitle', { number }) : isDraft ? t('invoiceUi.draftTitle') : t('invoiceUi.invoiceTitle', { number });
  const canBill = actor.can('billing');
  const mayPay = !isCreditNote && invoice.status !== 'void' && (isDraft || (account?.balanceMinor ?? 0) > 0);

  // One operation per action (renderer/app/use-command.ts): pressed twice, or again after an error, it acts once.
  const run = async (action: (operation: string) => Promise<unknown>, done?: string) => {
    setError(null);
    setNotice(null);
    try {
      const result = await command.run(action);
      if (done && result !== undefined) setNotice(done);
    } catch (err) {
      setError(errorText(err, translator));
    }
  };
  const takePayment = () => {
    onClose();
    navigate({ name: 'checkout', invoiceId: invoice.id });
  };

  const footer = view === 'invoice' ? (
    <>
      {isDraft && canBill && <button type="button" className="button" onClick={() => setView('edit')} disabled={busy}>{t('invoiceUi.editLines')}</button>}
      {isDraft && canBill && (
        <button type="button" className="button" onClick={() => void run((operation) => completeInvoice(db, invoice.id, { ...actor, operation }), t('invoiceUi.completed'))} disabled={busy}>{t('invoiceUi.complete')}</button>
      )}
      {mayPay && canBill && <button type="button" className="button button--primary" onClick={takePayment} disabled={busy}>{t('checkout.takePayment')}</button>}
      <InvoiceOptions
        invoice={invoice}
        account={account}
        creditMinor={money?.account.creditMinor ?? 0}
        onCredit={() => setView('credit')}
        onSendLink={() => setSendingLink(true)}
        onRun={run}
      />
    </>
  ) : undefined;

  return (
    <Dialog title={title} onClose={onClose} wide footer={footer}>
      <div className="tabs" role="tablist" aria-label={t('invoiceUi.invoice')}>
        <button type="button" role="tab" className="tabs__tab" aria-selected={view !== 'log'} onClick={() => setView('invoice')}>{t('invoiceUi.invoice')}</button>
        <button type="button" role="tab" className="tabs__tab" aria-selected={view === 'log'} onClick={() => setView('log')}>{t('invoiceUi.log')}</button>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      {notice && <p className="notice" role="status">{notice}</p>}
      {!canBill && !isCreditNote && invoice.status !== 'void' && view === 'invoice' && (
        <p className="muted">{t('invoiceUi.needsBilling')}</p>
      )}
      {view === 'invoice' && <InvoiceDocument invoice={invoice} client={client} settings={settings} account={account} credited={credited} requests={requests ?? []} />}
      {view === 'invoice' && !isCreditNote && <LinkStatus invoiceId={invoice.id} />}
      {sendingLink && (
        <SendLinkDialog invoice={invoice} balanceMinor={payableAccount(invoice, account).balanceMinor}
          onClose={() => setSendingLink(false)} />
      )}
      {view === 'edit' && <LineEditor invoice={invoice} onDone={() => setView('invoice')} />}
      {view === 'credit' && account && (
        <CreditNoteForm invoice={invoice} account={account} onDone={() => setView('invoice')} onIssued={(noteId) => { setShownId(noteId); setView('invoice'); setNotice(t('invoiceUi.creditNoteIssued')); }} />
      )}
      {view === 'log' && <InvoiceLog invoiceId={invoice.id} />}
    </Dialog>
  );
}
