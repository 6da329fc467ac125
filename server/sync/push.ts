/**
 * One push: every row of it in ONE transaction that starts by taking the clinic's seq
 * lock (data/sequence.ts), reads the stored states and the acting staff member under
 * that lock, asks shared/sync/push-rules.ts what to do with each row, numbers completed
 * invoices from the clinic's counter, and writes. Imported by server/routes/sync.ts.
 */
import type { CollectionName } from '../../shared/schemas/index.js';
import type { PushRefusal, PushResponse, PushRow, WireDocument } from '../../shared/sync/protocol.js';
import { actingStaffFrom, decidePushRow, recordedActor, type ActingStaff } from '../../shared/sync/push-rules.js';
import { text, type Text } from '../../shared/i18n/text.js';
import { inEnglish } from '../../shared/i18n/translator.js';
import { SYSTEM_ACTOR } from '../../shared/domain/permissions.js';
import { numberInvoice } from '../../shared/domain/invoice-numbering.js';
import { nextInvoiceNumber, raiseInvoiceCounter } from '../data/clinics.js';
import { heldIds, invoiceNumberTaken, readDocument, readDocuments, writeDocument } from '../data/documents.js';
import { chasingFeeIds, chasingFeeRefusal as feeRefusal, isChasingFee } from '../../shared/domain/reminder-fees.js';
import { reserveSeq, trimSeq } from '../data/sequence.js';
import { validatePushRows } from './validate-push.js';
import { takeCommand, takeWholeCommand } from './commands.js';
import type { Queryable, Store } from '../store/store.js';

/** The clinic settings document's id (shared/schemas/settings.ts CLINIC_SETTINGS_ID; checked by a test). */
export const SETTINGS_DOC_ID = 'clinic';

export interface PushContext {
  readonly clinicId: string;
  readonly deviceId: string;
  /** The pushing device's desk id, and since when it records desks (see PushRuleContext). */
  readonly deskId: string;
  readonly deskSince: Date | null;
  /** The device created the clinic on this server (PushRuleContext.foundingDesk). */
  readonly foundingDesk: boolean;
  readonly collection: CollectionName;
  readonly now: Date;
}

export interface PushHooks {
  /** Tests only: runs inside the transaction after the writes, before COMMIT (e.g. pg_sleep). */
  readonly beforeCommit?: (tx: Queryable, ctx: PushContext, rows: readonly PushRow[]) => Promise<void>;
}

/**
 * The clinic's staff members this push names as actors, read once under the lock: the server
 * checks each change against the person it records (docs/design.md invariant 11). A staff
 * push is judged against the staff list before it, so nobody promotes themselves.
 */
async function recordedStaff(tx: Queryable, ctx: PushContext, rows: readonly PushRow[]): Promise<Map<string, ActingStaff>> {
  const ids = [...new Set(rows.map((r) => recordedActor(ctx.collection, r.newDocumentState).actor).filter((id) => id !== '' && id !== SYSTEM_ACTOR))];
  const docs = ids.length > 0 ? await readDocuments(tx, ctx.clinicId, 'staff', ids) : new Map<string, WireDocument>();
  const staff = new Map<string, ActingStaff>();
  for (const [id, doc] of docs) {
    const member = actingStaffFrom(doc);
    if (member) staff.set(id, member);
  }
  return staff;
}

/**
 * Why the server does not take this fee recorded by the chasing, or null: checked against the
 * invoice, the clinic's fee and the fees already on the invoice as the server holds them
 * (shared/domain/reminder-fees.ts chasingFeeRefusal; docs/decisions/0022-system-write-bounds.md).
 */
async function chasingFeeRefusal(tx: Queryable, ctx: PushContext, fee: WireDocument, settings: WireDocument | null, batch: ReadonlyMap<string, WireDocument>): Promise<Text | null> {
  const invoiceId = typeof fee.invoiceId === 'string' ? fee.invoiceId : '';
  const invoice = invoiceId === '' ? null : await readDocument(tx, ctx.clinicId, 'invoices', invoiceId);
  const ids = chasingFeeIds(invoiceId);
  const held = await heldIds(tx, ctx.clinicId, 'payments', ids);
  const feesOnInvoice = ids.filter((i) => held.has(i) || batch.has(i));
  return feeRefusal(fee, { invoice, settings, feesOnInvoice });
}

/** A refused row of the push: its Text, and the same in English for desks of earlier versions. */
const refused = (refusal: Omit<PushRefusal, 'message' | 'text'>, said: Text): PushRefusal => ({ ...refusal, message: inEnglish(said), text: said });

export interface PushOutcome {
  readonly response: PushResponse;
  /** The seq of the last write, or null when the push changed nothing. */
  readonly lastSeq: number | null;
  /** The collections written (a command's documents may be in several). */
  readonly collections: readonly CollectionName[];
}

export interface Judged {
  readonly conflicts: WireDocument[];
  readonly refusals: PushRefusal[];
  readonly lastSeq: number | null;
  /** Invoices this push numbered, as stored (PushResponse.numbered). */
  readonly numbered?: WireDocument[];
}

/**
 * The rows of one push, in ONE transaction that starts with the clinic's lock: the desk's own
 * work row by row, and each command's rows all together or not at all (commands.ts).
 */
export async function applyPush(store: Store, ctx: PushContext, rows: readonly PushRow[], hooks: PushHooks = {}): Promise<PushOutcome> {
  // Nothing to judge: no need to queue behind the clinic's other writers.
  if (rows.length === 0) return { response: { conflicts: [], refusals: [] }, lastSeq: null, collections: [] };
  return store.transaction(async (tx) => {
    // First statement: the clinic's lock. Everything below sees every earlier commit.
    if (!(await reserveSeq(tx, ctx.clinicId, 0))) throw new Error(`no clinic ${ctx.clinicId}`);
    const conflicts: WireDocument[] = [];
    const refusals: PushRefusal[] = [];
    const numbered: WireDocument[] = [];
    const collections = new Set<CollectionName>();
    let lastSeq: number | null = null;
    const add = (judged: Judged, written: readonly CollectionName[]) => {
      conflicts.push(...judged.conflicts);
      refusals.push(...judged.refusals);
      numbered.push(...(judged.numbered ?? []));
      if (judged.lastSeq !== null) {
        lastSeq = Math.max(lastSeq ?? 0, judged.lastSeq);
        for (const c of written) collections.add(c);
      }
    };
    const own = rows.filter((r) => !r.command);
    if (own.length > 0) add(await judgeRows(tx, ctx, own), [ctx.collection]);
    for (const [commandId, mine] of byCommand(rows)) {
      const taken = await takeCommand(tx, ctx, commandId, mine, judgeRows);
      add(taken, taken.collections);
    }
    await hooks.beforeCommit?.(tx, ctx, rows);
    return { response: { conflicts, refusals, ...(numbered.length > 0 ? { numbered } : {}) }, lastSeq, collections: [...collections] };
  });
}

function byCommand(rows: readonly PushRow[]): Map<string, PushRow[]> {
  const out = new Map<string, PushRow[]>();
  for (const r of rows) if (r.command) out.set(r.command.id, [...(out.get(r.command.id) ?? []), r]);
  return out;
}

/**
 * Judges and writes rows of one collection (validation, the push rules, numbering, fees),
 * inside the caller's transaction and under its lock; a refused or conflicting row writes nothing.
 */
export async function judgeRows(tx: Queryable, ctx: PushContext, rows: readonly PushRow[]): Promise<Judged> {
  const reservation = (await reserveSeq(tx, ctx.clinicId, rows.length))!;
  // Invariant 13: a row that is not a document a desk could write is refused here, before
  // anything compares, numbers or stores it; a write that names what the server does not
  // hold, or another currency, below.
  const valid = await validatePushRows(tx, ctx, rows);
  const stored = await readDocuments(tx, ctx.clinicId, ctx.collection, valid.rows.map((r) => r.newDocumentState.id));
  const staff = await recordedStaff(tx, ctx, valid.rows);
  const rules = { collection: ctx.collection, deskId: ctx.deskId, deskSince: ctx.deskSince?.toISOString() ?? null, staff, foundingDesk: ctx.foundingDesk };
  let settings: WireDocument | null | undefined; // read once, when an invoice needs a number or a fee its check

  const conflicts: WireDocument[] = [];
  const refusals: PushRefusal[] = [...valid.refusals];
  const numbered: WireDocument[] = [];
  let used = 0;
  for (const row of valid.rows) {
    const id = row.newDocumentState.id;
    const decision = decidePushRow(rules, stored.get(id) ?? null, row);
    if (decision.kind === 'unchanged') continue;
    if (decision.kind === 'conflict') { conflicts.push(decision.current); continue; }
    if (decision.kind === 'refused') { refusals.push({ id, code: decision.code, ...(decision.params ? { params: decision.params } : {}), message: decision.message, text: decision.text }); continue; }
    const notYet = valid.writeRefusal(decision.document);
    if (notYet) { refusals.push(notYet); continue; }

    let document = decision.document;
    if (ctx.collection === 'payments' && isChasingFee(document)) {
      if (settings === undefined) settings = await readDocument(tx, ctx.clinicId, 'settings', SETTINGS_DOC_ID);
      const problem = await chasingFeeRefusal(tx, ctx, document, settings, stored);
      if (problem) {
        refusals.push(refused({ id, code: 'rule_broken' }, problem));
        continue;
      }
    }
    if (decision.invoiceNumber === 'assign') {
      if (settings === undefined) settings = await readDocument(tx, ctx.clinicId, 'settings', SETTINGS_DOC_ID);
      document = numberInvoice(document, await nextInvoiceNumber(tx, ctx.clinicId), ctx.now, settings);
      numbered.push({ ...document, _deleted: false });
    } else if (typeof decision.invoiceNumber === 'number') {
      if (await invoiceNumberTaken(tx, ctx.clinicId, decision.invoiceNumber, id)) {
        refusals.push(refused({ id, code: 'invoice_number', params: { number: decision.invoiceNumber } }, text('push.invoiceNumberTaken', { number: String(decision.invoiceNumber) })));
        continue;
      }
      await raiseInvoiceCounter(tx, ctx.clinicId, decision.invoiceNumber);
    }
    used += 1;
    await writeDocument(tx, {
      clinicId: ctx.clinicId, collection: ctx.collection, document, seq: reservation.base + used,
      staffId: recordedActor(ctx.collection, document).actor || null, deviceId: ctx.deviceId, at: ctx.now,
    });
    // A later row with the same id is judged against this write.
    stored.set(id, document);
  }
  await trimSeq(tx, ctx.clinicId, reservation, used);
  return { conflicts, refusals, lastSeq: used > 0 ? reservation.base + used : null, numbered };
}

/** One command with all its parts, in its own transaction (POST /v1/sync/commands). */
export async function applyWholeCommand(store: Store, ctx: Omit<PushContext, 'collection'>, commandId: string, parts: { collection: CollectionName; row: PushRow }[]) {
  return store.transaction(async (tx) => {
    if (!(await reserveSeq(tx, ctx.clinicId, 0))) throw new Error(`no clinic ${ctx.clinicId}`);
    return takeWholeCommand(tx, { ...ctx, collection: parts[0]!.collection }, commandId, parts, judgeRows);
  });
}
