/**
 * SQL for synced documents: read stored states, write one (with its seq), pull from a
 * checkpoint. Every statement is scoped to one clinic. Writes must run inside a
 * transaction that holds the clinic's seq reservation (sequence.ts). Imported by
 * server/sync and server/routes.
 */
import type { WireDocument } from '../../shared/sync/protocol.js';
import type { Queryable } from '../store/store.js';
import { collectionSchemas, type CollectionName } from '../../shared/schemas/index.js';
import { upgradeDocument } from '../../shared/schemas/migrations.js';

interface DocumentRow {
  id: string;
  seq: number;
  data: Record<string, unknown>;
  deleted: boolean;
  schema_version: number;
}

/**
 * The stored form is the document without `_deleted`; the wire form adds it back, at the
 * current schema version: a row stored by an earlier release is migrated on the way out with
 * the desks' own migrations (docs/decisions/0014-schema-versions.md), and rewritten at the
 * current version by its next write.
 */
function toWire(collection: string, row: DocumentRow): WireDocument {
  const current = currentSchemaVersion(collection);
  if (row.schema_version === current) return { ...row.data, id: row.id, _deleted: row.deleted };
  const data = upgradeDocument(collection as CollectionName, row.data, row.schema_version, current);
  // A migration that drops a document leaves it deleted for every desk.
  return data ? { ...data, id: row.id, _deleted: row.deleted } : { ...row.data, id: row.id, _deleted: true };
}

function currentSchemaVersion(collection: string): number {
  return (collectionSchemas as Record<string, { version: number } | undefined>)[collection]?.version ?? 0;
}

export async function readDocuments(q: Queryable, clinicId: string, collection: string, ids: readonly string[]): Promise<Map<string, WireDocument>> {
  const out = new Map<string, WireDocument>();
  if (ids.length === 0) return out;
  const rows = await q.query<DocumentRow>(
    'SELECT id, seq, data, deleted, schema_version FROM documents WHERE clinic_id = $1 AND collection = $2 AND id = ANY($3::text[])',
    [clinicId, collection, [...new Set(ids)]],
  );
  for (const row of rows) out.set(row.id, toWire(collection, row));
  return out;
}

/** Which of these ids the clinic holds in the collection (deleted or not): one statement for all of them. */
export async function heldIds(q: Queryable, clinicId: string, collection: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await q.query<{ id: string }>(
    'SELECT id FROM documents WHERE clinic_id = $1 AND collection = $2 AND id = ANY($3::text[])',
    [clinicId, collection, [...new Set(ids)]],
  );
  return new Set(rows.map((r) => r.id));
}

export async function readDocument(q: Queryable, clinicId: string, collection: string, id: string): Promise<WireDocument | null> {
  return (await readDocuments(q, clinicId, collection, [id])).get(id) ?? null;
}

export interface DocumentWrite {
  readonly clinicId: string;
  readonly collection: string;
  readonly document: WireDocument;
  readonly seq: number;
  readonly staffId: string | null;
  readonly deviceId: string | null;
  readonly at: Date;
}

export async function writeDocument(tx: Queryable, w: DocumentWrite): Promise<void> {
  const { _deleted, ...data } = w.document;
  await tx.query(
    `INSERT INTO documents (clinic_id, collection, id, seq, data, deleted, written_by_staff, written_by_device, written_at, schema_version)
     VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8, $9, $10)
     ON CONFLICT (clinic_id, collection, id) DO UPDATE SET
       seq = EXCLUDED.seq, data = EXCLUDED.data, deleted = EXCLUDED.deleted, schema_version = EXCLUDED.schema_version,
       written_by_staff = EXCLUDED.written_by_staff, written_by_device = EXCLUDED.written_by_device,
       written_at = EXCLUDED.written_at`,
    [w.clinicId, w.collection, w.document.id, w.seq, JSON.stringify(data), _deleted, w.staffId, w.deviceId, w.at, currentSchemaVersion(w.collection)],
  );
}

export interface PulledPage {
  readonly documents: WireDocument[];
  /** The seq of the last document, or the given checkpoint when none. */
  readonly seq: number;
}

/** One page after `afterSeq`, in seq order. Safe without a transaction: see sequence.ts. */
export async function pullDocuments(q: Queryable, clinicId: string, collection: string, afterSeq: number, limit: number): Promise<PulledPage> {
  const rows = await q.query<DocumentRow>(
    `SELECT id, seq, data, deleted, schema_version FROM documents
     WHERE clinic_id = $1 AND collection = $2 AND seq > $3
     ORDER BY seq LIMIT $4`,
    [clinicId, collection, afterSeq, limit],
  );
  const last = rows[rows.length - 1];
  return { documents: rows.map((row) => toWire(collection, row)), seq: last ? last.seq : afterSeq };
}

/** Whether another invoice of the clinic already carries this number. */
export async function invoiceNumberTaken(q: Queryable, clinicId: string, number: number, exceptId: string): Promise<boolean> {
  const rows = await q.query(
    `SELECT 1 FROM documents
     WHERE clinic_id = $1 AND collection = 'invoices' AND id <> $3
       AND jsonb_typeof(data -> 'number') = 'number' AND data -> 'number' <> '0'::jsonb
       AND data -> 'number' = to_jsonb($2::bigint)
     LIMIT 1`,
    [clinicId, number, exceptId],
  );
  return rows.length > 0;
}
