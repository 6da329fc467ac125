/**
 * A payment on a statement (issue 14 point 2): one link for everything a client or payer owes,
 * and the money spread over the open invoices oldest first — by due date, then invoice date,
 * then number — never more on an invoice than it still owes; what is left over is the client's
 * credit. Pure; the statement's payment applier (main and the sync server) and the statement
 * print will both read it, so the print's "applied to" lines are the books' own.
 */
export interface OpenInvoice {
  readonly id: string;
  /** What it still owes, minor units; 0 or less owes nothing. */
  readonly balanceMinor: number;
  /** Local dates (YYYY-MM-DD); '' sorts first, as an invoice with no date is the oldest we can tell. */
  readonly dueDate: string;
  readonly invoiceDate: string;
  readonly number: number;
}

export interface StatementAllocation {
  /** Invoice id → minor units applied, in the order applied; only invoices that got something. */
  readonly applied: readonly { readonly invoiceId: string; readonly amountMinor: number }[];
  /** What no invoice needed: kept as the client's credit. */
  readonly creditMinor: number;
}

/** Oldest first: the order a statement's payment settles invoices in. */
export function statementOrder(a: OpenInvoice, b: OpenInvoice): number {
  return a.dueDate.localeCompare(b.dueDate) || a.invoiceDate.localeCompare(b.invoiceDate) || a.number - b.number || a.id.localeCompare(b.id);
}

/** Spreads `amountMinor` (a whole, non-negative number of minor units) over `open`, oldest first. */
export function allocateStatementPayment(amountMinor: number, open: readonly OpenInvoice[]): StatementAllocation {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) throw new RangeError(`A payment is a whole, non-negative amount of minor units, not ${amountMinor}.`);
  let left = amountMinor;
  const applied: { invoiceId: string; amountMinor: number }[] = [];
  for (const invoice of [...open].sort(statementOrder)) {
    if (left === 0) break;
    const owed = Math.max(0, Math.trunc(invoice.balanceMinor));
    const part = Math.min(owed, left);
    if (part === 0) continue;
    applied.push({ invoiceId: invoice.id, amountMinor: part });
    left -= part;
  }
  return { applied, creditMinor: left };
}
