/**
 * Reads what a client's ledger is derived from: their invoices and credit notes and
 * the money facts, each by an indexed query on the client. Derivation is in
 * shared/domain/ledger.ts.
 */
import type { InvoiceDoc, PaymentDoc } from '../schemas/index.js';
import { clientAccount, type ClientAccount } from '../domain/ledger.js';
import type { ClinicDatabase } from './database.js';

export interface ClientMoney {
  readonly invoices: InvoiceDoc[];
  readonly facts: PaymentDoc[];
  readonly account: ClientAccount;
}

export function clientInvoicesQuery(db: ClinicDatabase, clientId: string) {
  return db.invoices.find({ selector: { clientId }, sort: [{ clientId: 'asc' }, { createdAt: 'asc' }] });
}

export function clientFactsQuery(db: ClinicDatabase, clientId: string) {
  return db.payments.find({ selector: { clientId }, sort: [{ clientId: 'asc' }, { at: 'asc' }] });
}

export async function loadClientMoney(db: ClinicDatabase, clientId: string): Promise<ClientMoney> {
  const [invoiceDocs, factDocs] = await Promise.all([clientInvoicesQuery(db, clientId).exec(), clientFactsQuery(db, clientId).exec()]);
  const invoices = invoiceDocs.map((d) => d.toMutableJSON());
  const facts = factDocs.map((d) => d.toMutableJSON());
  return { invoices, facts, account: clientAccount(invoices, facts) };
}
