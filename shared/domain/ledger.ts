/**
 * The client ledger, derived — never stored (docs/decisions/0008-ledger.md).
 *
 * Inputs are the client's invoices and credit notes and the money facts (payments,
 * refunds, credit applied). From them come each invoice's balance and state, the
 * client's credit, and a chronological ledger with a running balance, so that always
 *
 *   ledger balance = invoiced − credited − paid + refunded = outstanding − credit.
 *
 * Money paid toward an invoice beyond what it still asks for is client credit: nothing
 * paid is ever lost, whatever order two desks' offline payments arrive in.
 *
 * Reminder fees are facts too (kind 'fee', written when a chasing step carrying one is
 * sent): a charge on their invoice's account, never a change to the issued invoice. A fee
 * follows its invoice's own claim: once the invoice is voided or credited in full, its
 * fees are waived (counted as 0 and shown as waived in the ledger).
 */
import type { InvoiceDoc, PaymentDoc } from '../schemas/index.js';
import { invoiceTotals } from './invoice-math.js';
import type { MessageId } from '../i18n/text.js';

export type LedgerInvoice = Pick<InvoiceDoc, 'id' | 'kind' | 'status' | 'clientId' | 'creditsInvoiceId' | 'currency' | 'lines' | 'number' | 'completedAt' | 'updatedAt' | 'createdAt'>;
export type MoneyFact = Pick<PaymentDoc, 'id' | 'kind' | 'invoiceId' | 'clientId' | 'method' | 'amountMinor' | 'currency' | 'at'>;

export type InvoiceState = 'draft' | 'unpaid' | 'part_paid' | 'paid' | 'credited' | 'void';
export type InvoiceBucket = 'active' | 'settled';

export interface InvoiceAccount {
  /** The invoice's total (its lines), whatever its status. */
  readonly totalMinor: number;
  /** What it charges: the total once completed; 0 while a draft or when void. */
  readonly chargedMinor: number;
  /** Completed credit notes against it. */
  readonly creditedMinor: number;
  /** Reminder fees charged on it (0 once it is void or credited in full: waived). */
  readonly feesMinor: number;
  /** What it asks of the client: charged − credited + fees. */
  readonly dueMinor: number;
  /** Payments and applied credit on it, less refunds on it. */
  readonly allocatedMinor: number;
  /** The part of `allocated` that settles it (never above `due`). */
  readonly paidMinor: number;
  /** Still owed on it. */
  readonly balanceMinor: number;
  /** Paid on it beyond `due`: the client's credit. */
  readonly overpaidMinor: number;
  readonly state: InvoiceState;
  readonly bucket: InvoiceBucket;
}

function signed(fact: Pick<MoneyFact, 'kind' | 'amountMinor'>): number {
  return fact.kind === 'refund' ? -fact.amountMinor : fact.amountMinor;
}

/** Σ payments + applied credit − refunds recorded on one invoice (fees are charges, not money in). */
export function allocatedOn(invoiceId: string, facts: readonly Pick<MoneyFact, 'invoiceId' | 'kind' | 'amountMinor'>[]): number {
  let sum = 0;
  for (const f of facts) if (f.invoiceId === invoiceId && f.kind !== 'fee') sum += signed(f);
  return sum;
}

/** Σ reminder fees recorded on one invoice. */
export function feesOn(invoiceId: string, facts: readonly Pick<MoneyFact, 'invoiceId' | 'kind' | 'amountMinor'>[]): number {
  let sum = 0;
  for (const f of facts) if (f.invoiceId === invoiceId && f.kind === 'fee') sum += f.amountMinor;
  return sum;
}

/** Completed credit notes crediting one invoice. */
export function creditedOn(invoiceId: string, invoices: readonly Pick<LedgerInvoice, 'kind' | 'status' | 'creditsInvoiceId' | 'lines'>[]): number {
  let sum = 0;
  for (const n of invoices) {
    if (n.kind === 'credit_note' && n.status === 'completed' && n.creditsInvoiceId === invoiceId) sum += invoiceTotals(n.lines).totalMinor;
  }
  return sum;
}

export function invoiceAccount(
  invoice: Pick<LedgerInvoice, 'id' | 'kind' | 'status' | 'lines'>,
  creditedMinor: number,
  allocatedMinor: number,
  recordedFeesMinor = 0,
): InvoiceAccount {
  const totalMinor = invoiceTotals(invoice.lines).totalMinor;
  const chargedMinor = invoice.status === 'completed' && invoice.kind === 'invoice' ? totalMinor : 0;
  const claimMinor = Math.max(0, chargedMinor - creditedMinor);
  // A fee stands only while the invoice's own claim does (waived when void or credited in full).
  const feesMinor = claimMinor > 0 ? recordedFeesMinor : 0;
  const dueMinor = claimMinor + feesMinor;
  const paidMinor = Math.min(Math.max(allocatedMinor, 0), dueMinor);
  const balanceMinor = dueMinor - paidMinor;
  const overpaidMinor = Math.max(0, allocatedMinor - dueMinor);
  let state: InvoiceState;
  if (invoice.status === 'void') state = 'void';
  else if (invoice.status === 'draft') state = 'draft';
  else if (balanceMinor > 0) state = paidMinor > 0 ? 'part_paid' : 'unpaid';
  else if (chargedMinor > 0 && creditedMinor >= chargedMinor && paidMinor === 0) state = 'credited';
  else state = 'paid';
  // A credit note is a settled record of its own; drafts still expect money.
  const bucket: InvoiceBucket = invoice.kind === 'credit_note' || state === 'paid' || state === 'void' || state === 'credited' ? 'settled' : 'active';
  return { totalMinor, chargedMinor, creditedMinor, feesMinor, dueMinor, allocatedMinor, paidMinor, balanceMinor, overpaidMinor, state, bucket };
}

/**
 * What an invoice asks for when money is taken or a link is sent: those complete a draft,
 * so a draft counts as charging its total. Used wherever staff are offered or checked
 * against "the balance", so the checkout, the link dialog and the data layer agree.
 */
export function payableAccount(invoice: Pick<LedgerInvoice, 'id' | 'kind' | 'status' | 'lines'>, account: InvoiceAccount | undefined): InvoiceAccount {
  if (invoice.status !== 'draft') return account ?? invoiceAccount(invoice, 0, 0);
  return invoiceAccount({ ...invoice, status: 'completed' }, account?.creditedMinor ?? 0, account?.allocatedMinor ?? 0);
}

/** One invoice's account from the client's documents. */
export function accountOf(invoice: LedgerInvoice, invoices: readonly LedgerInvoice[], facts: readonly MoneyFact[]): InvoiceAccount {
  return invoiceAccount(invoice, creditedOn(invoice.id, invoices), allocatedOn(invoice.id, facts), feesOn(invoice.id, facts));
}

export interface ClientAccount {
  /** Charged by completed invoices, reminder fees that stand included. */
  readonly invoicedMinor: number;
  readonly creditedMinor: number;
  /** Money received (payments), wherever it went. */
  readonly paidMinor: number;
  readonly refundedMinor: number;
  /** Σ balances of the client's invoices. */
  readonly outstandingMinor: number;
  /** Money the clinic holds for the client: overpayments and unallocated payments, less refunds and credit applied. */
  readonly creditMinor: number;
  /** invoiced − credited − paid + refunded; positive: the client owes; negative: the clinic owes. */
  readonly balanceMinor: number;
  readonly accounts: ReadonlyMap<string, InvoiceAccount>;
}

export function clientAccount(invoices: readonly LedgerInvoice[], facts: readonly MoneyFact[]): ClientAccount {
  const invoiceIds = new Set(invoices.filter((i) => i.kind === 'invoice').map((i) => i.id));
  const credited = new Map<string, number>();
  let creditedMinor = 0;
  for (const n of invoices) {
    if (n.kind !== 'credit_note' || n.status !== 'completed') continue;
    const total = invoiceTotals(n.lines).totalMinor;
    creditedMinor += total;
    credited.set(n.creditsInvoiceId, (credited.get(n.creditsInvoiceId) ?? 0) + total);
  }
  const allocated = new Map<string, number>();
  const fees = new Map<string, number>();
  let paidMinor = 0;
  let refundedMinor = 0;
  let appliedMinor = 0;
  for (const f of facts) {
    if (f.kind === 'fee') {
      fees.set(f.invoiceId, (fees.get(f.invoiceId) ?? 0) + f.amountMinor);
      continue;
    }
    if (f.kind === 'payment') paidMinor += f.amountMinor;
    else if (f.kind === 'refund') refundedMinor += f.amountMinor;
    else appliedMinor += f.amountMinor;
    allocated.set(f.invoiceId, (allocated.get(f.invoiceId) ?? 0) + signed(f));
  }
  // The credit pool: money and credit the clinic holds for the client.
  let pool = 0 - appliedMinor; // not -appliedMinor: that is -0 when nothing was applied
  for (const [invoiceId, sum] of allocated) if (!invoiceIds.has(invoiceId)) pool += sum;
  for (const [invoiceId, sum] of credited) if (!invoiceIds.has(invoiceId)) pool += sum;

  const accounts = new Map<string, InvoiceAccount>();
  let invoicedMinor = 0;
  let outstandingMinor = 0;
  for (const inv of invoices) {
    const acc = invoiceAccount(inv, credited.get(inv.id) ?? 0, allocated.get(inv.id) ?? 0, fees.get(inv.id) ?? 0);
    accounts.set(inv.id, acc);
    if (inv.kind !== 'invoice') continue;
    invoicedMinor += acc.chargedMinor + acc.feesMinor;
    outstandingMinor += acc.balanceMinor;
    // Paid beyond what it asks; credited beyond what it charged (possible only when two
    // desks credit the same invoice offline); refunded beyond what was paid on it.
    pool += acc.overpaidMinor + Math.max(0, acc.creditedMinor - acc.chargedMinor) + Math.min(0, acc.allocatedMinor);
  }
  const balanceMinor = invoicedMinor - creditedMinor - paidMinor + refundedMinor;
  return { invoicedMinor, creditedMinor, paidMinor, refundedMinor, outstandingMinor, creditMinor: pool, balanceMinor, accounts };
}

export type LedgerEntryKind = 'invoice' | 'void' | 'credit_note' | 'payment' | 'refund' | 'credit_applied' | 'fee' | 'fee_waived';

export interface LedgerEntry {
  readonly id: string;
  readonly kind: LedgerEntryKind;
  /** UTC ISO instant it happened. */
  readonly at: string;
  /** The invoice (or credit note) it belongs to, or ''. */
  readonly invoiceId: string;
  /** Signed effect on what the client owes: + charges, fees and refunds, − payments, credits and waived fees; 0 for credit applied. */
  readonly amountMinor: number;
  /** For payments, refunds and applied credit: how. */
  readonly method: MoneyFact['method'] | null;
  /** The client's balance after this entry. */
  readonly runningMinor: number;
}

const ENTRY_ORDER: Readonly<Record<LedgerEntryKind, number>> = {
  invoice: 0, fee: 1, credit_note: 2, fee_waived: 3, credit_applied: 4, payment: 5, refund: 6, void: 7,
};

/**
 * The client's ledger, oldest first. A void invoice shows its charge and the void that
 * takes it back (drafts and invoices waiting for completion charge nothing yet). A
 * reminder fee shows as a charge; when its invoice is voided or credited in full, a
 * "fee waived" entry takes it back.
 */
export function ledgerEntries(
  invoices: readonly LedgerInvoice[],
  facts: readonly MoneyFact[],
  /** The same documents' accounts when the caller has them (clientAccount); worked out otherwise. */
  accounts: ReadonlyMap<string, InvoiceAccount> = clientAccount(invoices, facts).accounts,
): LedgerEntry[] {
  const raw: Omit<LedgerEntry, 'runningMinor'>[] = [];
  const byId = new Map(invoices.map((i) => [i.id, i]));
  const waived = new Map<string, { minor: number; at: string }>();
  for (const f of facts) {
    if (f.kind !== 'fee') continue;
    const inv = byId.get(f.invoiceId);
    // A fee counts only on a completed (or since voided) invoice this desk holds.
    if (!inv || inv.kind !== 'invoice' || inv.status === 'draft' || !inv.completedAt) continue;
    raw.push({ id: f.id, kind: 'fee', at: f.at, invoiceId: f.invoiceId, amountMinor: f.amountMinor, method: null });
    if ((accounts.get(inv.id)?.feesMinor ?? 0) > 0) continue;
    // Waived when the void or the last credit note took the invoice's claim away.
    const lastCredit = invoices.filter((n) => n.kind === 'credit_note' && n.status === 'completed' && n.creditsInvoiceId === inv.id)
      .reduce((at, n) => (n.completedAt > at ? n.completedAt : at), '');
    const when = inv.status === 'void' ? inv.updatedAt : lastCredit;
    const prev = waived.get(inv.id) ?? { minor: 0, at: '' };
    waived.set(inv.id, { minor: prev.minor + f.amountMinor, at: [prev.at, when, f.at].reduce((a, b) => (b > a ? b : a)) });
  }
  for (const [invoiceId, w] of waived) raw.push({ id: `${invoiceId}:fees-waived`, kind: 'fee_waived', at: w.at, invoiceId, amountMinor: -w.minor, method: null });
  for (const inv of invoices) {
    if (inv.status === 'draft' || !inv.completedAt) continue;
    const total = invoiceTotals(inv.lines).totalMinor;
    if (inv.kind === 'credit_note') {
      raw.push({ id: inv.id, kind: 'credit_note', at: inv.completedAt, invoiceId: inv.id, amountMinor: -total, method: null });
      continue;
    }
    raw.push({ id: inv.id, kind: 'invoice', at: inv.completedAt, invoiceId: inv.id, amountMinor: total, method: null });
    if (inv.status === 'void') raw.push({ id: `${inv.id}:void`, kind: 'void', at: inv.updatedAt, invoiceId: inv.id, amountMinor: -total, method: null });
  }
  for (const f of facts) {
    if (f.kind === 'fee') continue;
    const amountMinor = f.kind === 'payment' ? -f.amountMinor : f.kind === 'refund' ? f.amountMinor : 0;
    raw.push({ id: f.id, kind: f.kind, at: f.at, invoiceId: f.invoiceId, amountMinor, method: f.method });
  }
  raw.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : ENTRY_ORDER[a.kind] - ENTRY_ORDER[b.kind] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  let running = 0;
  return raw.map((e) => {
    running += e.amountMinor;
    return { ...e, runningMinor: running };
  });
}

/** Each state's name, as a catalogue id: `t(INVOICE_STATE_LABELS[state])`. */
export const INVOICE_STATE_LABELS: Readonly<Record<InvoiceState, MessageId>> = {
  draft: 'invoice.state.draft',
  unpaid: 'invoice.state.unpaid',
  part_paid: 'invoice.state.partPaid',
  paid: 'invoice.state.paid',
  credited: 'invoice.state.credited',
  void: 'invoice.state.void',
};
