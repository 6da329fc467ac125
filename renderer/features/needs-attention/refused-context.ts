/**
 * What this desk holds about a refused (or waiting) document, to name it: the invoice it is on
 * and the client, read from the desk's own copies. Used by the Needs-attention screen and the
 * status bar's notices (describe-refused.ts words them).
 */
import type { ClinicDatabase } from '../../../shared/db/database.js';
import type { CollectionName, ClientDoc, InvoiceDoc } from '../../../shared/schemas/index.js';
import type { WireDocument } from '../../../shared/sync/protocol.js';
import type { RefusedContext } from './describe-refused.js';

export async function refusedContextOf(db: ClinicDatabase, collection: CollectionName, doc: WireDocument | null): Promise<RefusedContext> {
  const field = (key: string) => (doc && typeof doc[key] === 'string' ? (doc[key] as string) : '');
  const invoiceId = collection === 'invoices' ? '' : field('invoiceId');
  const invoice = invoiceId ? ((await db.invoices.findOne(invoiceId).exec())?.toJSON() as InvoiceDoc | undefined) ?? null : null;
  const clientId = field('clientId') || invoice?.clientId || '';
  const client = clientId ? ((await db.clients.findOne(clientId).exec())?.toJSON() as ClientDoc | undefined) ?? null : null;
  return { doc, invoice, client };
}
