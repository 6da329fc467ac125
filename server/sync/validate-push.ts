/**
 * Nothing from outside is trusted (docs/design.md invariant 13): every row of a push is
 * judged before anything compares, numbers or stores it — it must have the shape of the
 * desks' own schema and keep the domain rules (shared/sync/document-validation.ts) — and a
 * row the push rules would write must also name documents the server holds and carry the
 * clinic's currency (shared/sync/document-references.ts). Those are read here, in the push's
 * transaction, once for the whole push: one query per referenced collection and the
 * settings once. A bad row is refused with its reason; the others go on. Imported by
 * server/sync/push.ts only.
 */
import type { CollectionName } from '../../shared/schemas/index.js';
import { CLINIC_SETTINGS_ID } from '../../shared/schemas/settings.js';
import { text } from '../../shared/i18n/text.js';
import { problem, pushRefusalOf } from '../../shared/sync/document-problem.js';
import { contextProblem, needsClinicCurrency, referencesOf, type PushContextFacts } from '../../shared/sync/document-references.js';
import { documentProblem } from '../../shared/sync/document-validation.js';
import type { PushRefusal, PushRow, WireDocument } from '../../shared/sync/protocol.js';
import { heldIds, readDocument } from '../data/documents.js';
import type { Queryable } from '../store/store.js';

export interface ValidatedPush {
  /** The rows that may be judged further, in the push's order. */
  readonly rows: PushRow[];
  readonly refusals: PushRefusal[];
  /**
   * Why a document the push rules would write may not be written (a reference the server
   * does not hold, another currency), or null. Asked only for writes: a stale desk gets its
   * conflict and a staff member without the permission hears that first.
   */
  readonly writeRefusal: (doc: WireDocument) => PushRefusal | null;
}

interface Scope {
  readonly clinicId: string;
  readonly collection: CollectionName;
}

export async function validatePushRows(tx: Queryable, scope: Scope, rows: readonly PushRow[]): Promise<ValidatedPush> {
  const refusals: PushRefusal[] = [];
  const times = new Map<string, number>();
  for (const row of rows) times.set(row.newDocumentState.id, (times.get(row.newDocumentState.id) ?? 0) + 1);
  const valid: PushRow[] = [];
  for (const row of rows) {
    const id = row.newDocumentState.id;
    // RxDB pushes a document once per batch; which of two copies would win is anyone's guess, so neither does.
    const n = times.get(id)!;
    const bad = n > 1
      ? problem('invalid_document', text('syncRule.problem.repeatedInPush', { count: n }), { field: 'id', rule: 'repeated' })
      : documentProblem(scope.collection, row.newDocumentState);
    if (bad) refusals.push(pushRefusalOf(scope.collection, id, bad));
    else valid.push(row);
  }
  const facts = valid.length > 0 ? await readContext(tx, scope, valid) : null;
  return {
    rows: valid,
    refusals,
    writeRefusal: (doc) => {
      const bad = facts && contextProblem(scope.collection, doc, facts);
      return bad ? pushRefusalOf(scope.collection, doc.id, bad) : null;
    },
  };
}

/** What the rows name, looked up in one query per referenced collection, and the clinic's currency. */
async function readContext(tx: Queryable, scope: Scope, rows: readonly PushRow[]): Promise<PushContextFacts> {
  const wanted = new Map<CollectionName, Set<string>>();
  for (const row of rows) {
    for (const r of referencesOf(scope.collection, row.newDocumentState)) {
      if (!wanted.has(r.to)) wanted.set(r.to, new Set());
      wanted.get(r.to)!.add(r.id);
    }
  }
  const held = new Map<CollectionName, Set<string>>();
  for (const [to, ids] of wanted) held.set(to, await heldIds(tx, scope.clinicId, to, [...ids]));
  // A credit note may come in the same push as the invoice it credits.
  const inPush = new Set(rows.map((r) => r.newDocumentState.id));
  const settings = needsClinicCurrency(scope.collection) ? await readDocument(tx, scope.clinicId, 'settings', CLINIC_SETTINGS_ID) : null;
  const clinicCurrency = settings && !settings._deleted && typeof settings.currency === 'string' ? settings.currency : null;
  return {
    clinicCurrency,
    holds: (to, id) => held.get(to)?.has(id) === true || (to === scope.collection && inPush.has(id)),
  };
}
