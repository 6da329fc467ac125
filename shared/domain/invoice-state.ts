/**
 * The state an invoice is shown in, everywhere staff or a client read it — the invoice, every
 * list, prints, the day sheet and the export (issue 12 point 8): the ledger's state
 * (shared/domain/ledger.ts), and *Ready for debt collection* once the chasing has marked an
 * invoice that is still owed. Derived from the facts and the chasing's own record, never a
 * stored invoice status. Pure; imported by the renderer and main.
 */
import type { PaymentRequestDoc } from '../schemas/index.js';
import { INVOICE_STATE_LABELS, type InvoiceAccount, type InvoiceState } from './ledger.js';
import type { MessageId } from '../i18n/text.js';

export type ShownInvoiceState = InvoiceState | 'debt_collection';

/** Each shown state's name, as a catalogue id: `t(SHOWN_STATE_LABELS[state])`. */
export const SHOWN_STATE_LABELS: Readonly<Record<ShownInvoiceState, MessageId>> = {
  ...INVOICE_STATE_LABELS,
  debt_collection: 'invoice.state.debtCollection',
};

type Step = Pick<PaymentRequestDoc, 'purpose' | 'status'>;

/** The chasing marked this invoice ready for debt collection (its last step, which sends nothing). */
export function markedForCollection(requests: readonly Step[]): boolean {
  return requests.some((r) => r.purpose === 'debt_collection' && r.status === 'sent');
}

export function shownInvoiceState(account: Pick<InvoiceAccount, 'state' | 'balanceMinor'>, requests: readonly Step[]): ShownInvoiceState {
  const owed = account.balanceMinor > 0 && (account.state === 'unpaid' || account.state === 'part_paid');
  return owed && markedForCollection(requests) ? 'debt_collection' : account.state;
}

/**
 * A chasing step that went by no channel (the marker for debt collection, or a reminder the
 * client had no contact for): there is no message to send again and no link to cancel.
 */
export function wentByNoChannel(request: Pick<PaymentRequestDoc, 'purpose' | 'channels'>): boolean {
  return request.purpose !== 'payment_link' && request.channels.length === 0;
}
