/**
 * One push: every row of it in ONE transaction that starts by taking the clinic's seq
 * lock (data/sequence.ts), reads the stored states and the acting staff member under
 * that lock, asks shared/sync/push-rules.ts what to do with each row, numbers completed
 * invoices from the clinic's counter, and writes. Imported by server/routes/sync.ts.
 */
import type { CollectionName } from '../../shared/schemas/index.js';
import type { PushRefusal, PushResponse, PushRow, WireDocument } from '../../shared/sync/protocol.js';
import { actingStaffFrom, decidePushRow } from '../../shared/sync/push-rules.js';
import { numberInvoice } from '../../shared/domain/invoice-numbering.js';
import { nextInvoiceNumber, raiseInvoiceCounter } from '../data/clinics.js';
import { invoiceNumberTaken, readDocument, readDocuments, writeDocument } from '../data/documents.js';
import { reserveSeq, trimSeq } from '../data/sequence.js';
import type { Queryable, Store } from '../store/store.js';

/** The clinic settings document's id (shared/schemas/settings.ts CLINIC_SETTINGS_ID; checked by a test). */
export const SETTINGS_DOC_ID = 'clinic';

export interface PushContext {
  readonly clinicId: string;
  readonly deviceId: string;
  readonly staffId: string | null;
  readonly collection: CollectionName;
  readonly now: Date;
}

export interface PushHooks {
  /** Tests only: runs inside the transaction after the writes, before COMMIT (e.g. pg_sleep). */
  readonly beforeCommit?: (tx: Queryable, ctx: PushContext, rows: readonly PushRow[]) => Promise<void>;
}

export interface PushOutcome {
  readonly response: PushResponse;
  /** The seq of the last write, or null when the push changed nothing. */
  readonly lastSeq: number | null;
}

export async function applyPush(store: Store, ctx: PushContext, rows: readonly PushRow[], hooks: PushHooks = {}): Promise<PushOutcome> {
  // Nothing to judge: no need to queue behind the clinic's other writers.
  if (rows.length === 0) return { response: { conflicts: [], refusals: [] }, lastSeq: null };
  return store.transaction(async (tx) => {
    // First statement: the clinic's lock. Everything below sees every earlier commit.
    const reservation = await reserveSeq(tx, ctx.clinicId, rows.length);
    if (!reservation) throw new Error(`no clinic ${ctx.clinicId}`);
    const stored = await readDocuments(tx, ctx.clinicId, ctx.collection, rows.map((r) => r.newDocumentState.id));
    const staff = ctx.staffId ? actingStaffFrom(await readDocument(tx, ctx.clinicId, 'staff', ctx.staffId)) : null;
    let settings: WireDocument | null | undefined; // read once, when an invoice needs a number

    const conflicts: WireDocument[] = [];
    const refusals: PushRefusal[] = [];
    let used = 0;
    for (const row of rows) {
      const id = row.newDocumentState.id;
      const decision = decidePushRow({ collection: ctx.collection, staffId: ctx.staffId, staff }, stored.get(id) ?? null, row);
      if (decision.kind === 'unchanged') continue;
      if (decision.kind === 'conflict') { conflicts.push(decision.current); continue; }
      if (decision.kind === 'refused') { refusals.push({ id, code: decision.code, ...(decision.params ? { params: decision.params } : {}), message: decision.message }); continue; }

      let document = decision.document;
      if (decision.invoiceNumber === 'assign') {
        if (settings === undefined) settings = await readDocument(tx, ctx.clinicId, 'settings', SETTINGS_DOC_ID);
        document = numberInvoice(document, await nextInvoiceNumber(tx, ctx.clinicId), ctx.now, settings);
      } else if (typeof decision.invoiceNumber === 'number') {
        if (await invoiceNumberTaken(tx, ctx.clinicId, decision.invoiceNumber, id)) {
          refusals.push({ id, code: 'invoice_number', params: { number: decision.invoiceNumber }, message: `Invoice number ${decision.invoiceNumber} already belongs to another invoice at this clinic, so the server did not take this invoice.` });
          continue;
        }
        await raiseInvoiceCounter(tx, ctx.clinicId, decision.invoiceNumber);
      }
      used += 1;
      await writeDocument(tx, {
        clinicId: ctx.clinicId, collection: ctx.collection, document, seq: reservation.base + used,
        staffId: ctx.staffId, deviceId: ctx.deviceId, at: ctx.now,
      });
      // A later row with the same id is judged against this write.
      stored.set(id, document);
    }
    await hooks.beforeCommit?.(tx, ctx, rows);
    await trimSeq(tx, ctx.clinicId, reservation, used);
    return { response: { conflicts, refusals }, lastSeq: used > 0 ? reservation.base + used : null };
  });
}
