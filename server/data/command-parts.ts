/**
 * SQL for commands taken whole (migration 9; docs/decisions/0031-commands-at-the-server.md):
 * the changes of a command waiting for its other documents, and commands refused. Runs inside
 * a push's transaction, under the clinic's lock. Imported by server/sync only.
 */
import type { CollectionName } from '../../shared/schemas/index.js';
import { parseStoredText, storedText } from '../../shared/i18n/stored-text.js';
import { peersEnglish, type Text } from '../../shared/i18n/text.js';
import { inEnglish } from '../../shared/i18n/translator.js';
import type { PushRow } from '../../shared/sync/protocol.js';
import type { Queryable } from '../store/store.js';

export interface StagedPart {
  readonly collection: CollectionName;
  readonly row: PushRow;
}

/** Keeps (or replaces, with its newer state) a command's change until the rest of it is here. */
export async function stagePart(tx: Queryable, clinicId: string, collection: CollectionName, row: PushRow, at: Date): Promise<void> {
  await tx.query(
    `INSERT INTO command_parts (clinic_id, collection, doc_id, command_id, row, staged_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (clinic_id, collection, doc_id) DO UPDATE SET command_id = EXCLUDED.command_id, row = EXCLUDED.row, staged_at = EXCLUDED.staged_at`,
    [clinicId, collection, row.newDocumentState.id, row.command!.id, JSON.stringify(row), at],
  );
}

/** Every change kept for this command. */
export async function stagedParts(tx: Queryable, clinicId: string, commandId: string): Promise<StagedPart[]> {
  const rows = await tx.query<{ collection: CollectionName; row: PushRow | string }>(
    'SELECT collection, row FROM command_parts WHERE clinic_id = $1 AND command_id = $2 ORDER BY collection, doc_id',
    [clinicId, commandId],
  );
  return rows.map((r) => ({ collection: r.collection, row: typeof r.row === 'string' ? (JSON.parse(r.row) as PushRow) : r.row }));
}

export async function dropStaged(tx: Queryable, clinicId: string, commandId: string): Promise<void> {
  await tx.query('DELETE FROM command_parts WHERE clinic_id = $1 AND command_id = $2', [clinicId, commandId]);
}

/** Remembers a command as refused, with why: in English and as a Text (migration 11). */
export async function refuseCommand(tx: Queryable, clinicId: string, commandId: string, reason: Text, at: Date): Promise<void> {
  await tx.query(
    'INSERT INTO refused_commands (clinic_id, command_id, message, message_text, refused_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
    [clinicId, commandId, inEnglish(reason), storedText(reason), at],
  );
}

/**
 * Why this command was refused, or null. A command refused before reasons were kept as Texts
 * has its English only, which then reads as itself in every language.
 */
export async function commandRefusal(tx: Queryable, clinicId: string, commandId: string): Promise<{ message: string; text: Text } | null> {
  const rows = await tx.query<{ message: string; message_text: string }>('SELECT message, message_text FROM refused_commands WHERE clinic_id = $1 AND command_id = $2', [clinicId, commandId]);
  const row = rows[0];
  if (!row) return null;
  return { message: row.message, text: parseStoredText(row.message_text) ?? peersEnglish(row.message) };
}

export async function recordTaken(tx: Queryable, clinicId: string, commandId: string, at: Date): Promise<void> {
  await tx.query('INSERT INTO taken_commands (clinic_id, command_id, taken_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [clinicId, commandId, at]);
}

export async function wasTaken(tx: Queryable, clinicId: string, commandId: string): Promise<boolean> {
  return (await tx.query('SELECT 1 FROM taken_commands WHERE clinic_id = $1 AND command_id = $2', [clinicId, commandId])).length > 0;
}
