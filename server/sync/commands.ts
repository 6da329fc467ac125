/**
 * A command's documents are taken whole or not at all (docs/decisions/0031-commands-at-the-server.md;
 * issue 12 point 2). A desk sends each change a command made with the command's id and the keys
 * of every document it wrote that the desk has not yet seen taken. Desks push each collection on its own, so the parts arrive in
 * different pushes: each is kept (command_parts) until every part is here, and
 * then all are judged and written in one savepoint of the push's transaction. One part refused,
 * or in conflict with what another desk wrote meanwhile, and none is kept: the command is
 * remembered as refused, and its other parts are refused when their pushes come. A part that
 * only has to wait (a reference not here yet) makes the whole command wait. Imported by
 * server/sync/push.ts only.
 */
import { COLLECTION_NAMES, type CollectionName } from '../../shared/schemas/index.js';
import { peersEnglish, text, type Text } from '../../shared/i18n/text.js';
import { inEnglish } from '../../shared/i18n/translator.js';
import { commandPartKey, MAX_COMMAND_PARTS, type CommandOutcome, type PushRefusal, type PushRow, type WireDocument } from '../../shared/sync/protocol.js';
import { readDocuments } from '../data/documents.js';
import { commandRefusal, dropStaged, recordTaken, refuseCommand, stagedParts, stagePart, wasTaken } from '../data/command-parts.js';
import type { Queryable } from '../store/store.js';
import type { Judged, PushContext } from './push.js';

type JudgeRows = (tx: Queryable, ctx: PushContext, rows: readonly PushRow[]) => Promise<Judged>;

const WAITS = text('push.waitsForCommand');
/** Why a command is refused when one of its records changed meanwhile. */
const STALE = text('push.commandStale');

const waits = (rows: readonly PushRow[]): PushRefusal[] =>
  rows.map((r) => ({ id: r.newDocumentState.id, code: 'waits_for_command', message: inEnglish(WAITS), text: WAITS, retryable: true }));

const refusedWith = (rows: readonly PushRow[], reason: Text, own: readonly PushRefusal[] = []): PushRefusal[] => {
  const said = text('push.commandRefused', { reason });
  return rows.map((r) => own.find((o) => o.id === r.newDocumentState.id && !o.retryable)
    ?? { id: r.newDocumentState.id, code: 'command_refused', message: inEnglish(said), text: said });
};

/** A part's refusal as the reason its command is refused. */
// This server's own refusals always carry their Text; the English is only for a row from before languages.
const reasonOf = (refusal: PushRefusal): Text => refusal.text ?? peersEnglish(refusal.message);

export async function takeCommand(
  tx: Queryable, ctx: PushContext, commandId: string, mine: readonly PushRow[], judgeRows: JudgeRows,
): Promise<Judged & { collections: CollectionName[] }> {
  const none = { conflicts: [], lastSeq: null, collections: [] };
  const refused = await commandRefusal(tx, ctx.clinicId, commandId);
  if (refused) return { ...none, refusals: refusedWith(mine, refused.text) };

  for (const row of mine) await stagePart(tx, ctx.clinicId, ctx.collection, row, ctx.now);
  const staged = await stagedParts(tx, ctx.clinicId, commandId);
  const here = new Set(staged.map((p) => commandPartKey(p.collection, p.row.newDocumentState.id)));
  const parts = new Set(staged.flatMap((p) => p.row.command?.parts ?? []));
  // A command is at most what one person's click writes: more parts than that is not one.
  if (staged.length > MAX_COMMAND_PARTS || parts.size > MAX_COMMAND_PARTS) {
    const reason = text('push.commandTooBig', { max: MAX_COMMAND_PARTS });
    await refuseCommand(tx, ctx.clinicId, commandId, reason, ctx.now);
    await dropStaged(tx, ctx.clinicId, commandId);
    return { ...none, refusals: refusedWith(mine, reason) };
  }
  // The desk lists the parts it has not yet seen taken, so each of them comes. One already held
  // does not count (the change the command made to it may be the part still on its way), nor one
  // kept under another command: only what is judged together is taken together.
  if ([...parts].some((k) => !here.has(k))) return { ...none, refusals: waits(mine) };

  // Every part is here: judge them together; any refusal or conflict undoes all of them.
  const { judged, written } = await judgeTogether(tx, ctx, staged, judgeRows);
  const refusals = judged.flatMap((j) => j.refusals);
  const conflicts = judged.flatMap((j) => j.conflicts);
  if (refusals.length === 0 && conflicts.length === 0) {
    await tx.query('RELEASE SAVEPOINT command_whole');
    await dropStaged(tx, ctx.clinicId, commandId);
    const seqs = judged.map((j) => j.lastSeq).filter((s): s is number => s !== null);
    const mineIds = new Set(mine.map((r) => r.newDocumentState.id));
    // Numbered invoices go back in the answer to the invoices' own push (any other gets them by pulling).
    const numbered = ctx.collection === 'invoices' ? judged.flatMap((j) => j.numbered ?? []).filter((d) => mineIds.has(d.id)) : [];
    return { conflicts: [], refusals: [], lastSeq: seqs.length > 0 ? Math.max(...seqs) : null, collections: written, numbered };
  }
  await tx.query('ROLLBACK TO SAVEPOINT command_whole');
  const final = refusals.find((r) => !r.retryable);
  if (final || conflicts.length > 0) {
    // Refused for good, or made on a state another desk has changed since: nothing of it stays,
    // and its other parts are refused as they come. A conflicting record goes back to this desk
    // as a conflict too (it takes the server's state); refused facts stay in its Needs attention.
    const reason = final ? reasonOf(final) : STALE;
    await refuseCommand(tx, ctx.clinicId, commandId, reason, ctx.now);
    await dropStaged(tx, ctx.clinicId, commandId);
    const mineIds = new Set(mine.map((r) => r.newDocumentState.id));
    return { ...none, conflicts: conflicts.filter((c) => mineIds.has(c.id)), refusals: refusedWith(mine, reason, refusals) };
  }
  // Only waiting (a part names a document not here yet): the whole command waits.
  return { ...none, refusals: waits(mine) };
}

/**
 * Judges and writes every part inside a savepoint the caller then releases or rolls back, in
 * the collections' own order (clients before bookings before invoices before payments…), so a
 * part that names another part of the same command finds it written.
 */
export async function judgeTogether(tx: Queryable, ctx: PushContext, parts: readonly { collection: CollectionName; row: PushRow }[], judgeRows: JudgeRows): Promise<{ judged: Judged[]; written: CollectionName[] }> {
  await tx.query('SAVEPOINT command_whole');
  const judged: Judged[] = [];
  const written: CollectionName[] = [];
  for (const c of COLLECTION_NAMES) {
    const rows = parts.filter((p) => p.collection === c).map((p) => p.row);
    if (rows.length === 0) continue;
    const result = await judgeRows(tx, { ...ctx, collection: c }, rows);
    judged.push(result);
    if (result.lastSeq !== null) written.push(c);
  }
  return { judged, written };
}

/** One command with all its parts, judged whole in the caller's transaction (the clinic's lock taken). */
export async function takeWholeCommand(
  tx: Queryable, ctx: PushContext, commandId: string, parts: readonly { collection: CollectionName; row: PushRow }[], judgeRows: JudgeRows,
): Promise<{ outcome: CommandOutcome; lastSeq: number | null; collections: CollectionName[] }> {
  // Sent again after a lost answer: answered as before, nothing judged twice.
  if (await wasTaken(tx, ctx.clinicId, commandId)) return { outcome: { id: commandId, outcome: 'taken', numbered: [] }, lastSeq: null, collections: [] };
  const earlier = await commandRefusal(tx, ctx.clinicId, commandId);
  if (earlier) return { outcome: { id: commandId, outcome: 'refused', message: earlier.message, text: earlier.text, refusals: [], serverStates: await serverStatesOf(tx, ctx.clinicId, parts) }, lastSeq: null, collections: [] };
  const { judged, written } = await judgeTogether(tx, ctx, parts, judgeRows);
  const refusals = judged.flatMap((j) => j.refusals);
  const conflicts = judged.flatMap((j) => j.conflicts);
  if (refusals.length === 0 && conflicts.length === 0) {
    await tx.query('RELEASE SAVEPOINT command_whole');
    await recordTaken(tx, ctx.clinicId, commandId, ctx.now);
    const seqs = judged.map((j) => j.lastSeq).filter((s): s is number => s !== null);
    return { outcome: { id: commandId, outcome: 'taken', numbered: judged.flatMap((j) => j.numbered ?? []) }, lastSeq: seqs.length > 0 ? Math.max(...seqs) : null, collections: written };
  }
  await tx.query('ROLLBACK TO SAVEPOINT command_whole');
  const final = refusals.find((r) => !r.retryable);
  if (!final && conflicts.length === 0) {
    const waiting = refusals[0]!;
    return { outcome: { id: commandId, outcome: 'wait', message: waiting.message, text: reasonOf(waiting) }, lastSeq: null, collections: [] };
  }
  const reason = final ? reasonOf(final) : STALE;
  await refuseCommand(tx, ctx.clinicId, commandId, reason, ctx.now);
  return {
    outcome: { id: commandId, outcome: 'refused', message: inEnglish(reason), text: reason, refusals: refusedWith(parts.map((p) => p.row), reason, refusals), serverStates: await serverStatesOf(tx, ctx.clinicId, parts) },
    lastSeq: null, collections: [],
  };
}

/** The server's state of each part it holds: what a desk takes back for a refused record. */
async function serverStatesOf(tx: Queryable, clinicId: string, parts: readonly { collection: CollectionName; row: PushRow }[]): Promise<{ collection: CollectionName; document: WireDocument }[]> {
  const out: { collection: CollectionName; document: WireDocument }[] = [];
  for (const c of COLLECTION_NAMES) {
    const ids = parts.filter((p) => p.collection === c).map((p) => p.row.newDocumentState.id);
    if (ids.length === 0) continue;
    for (const document of (await readDocuments(tx, clinicId, c, ids)).values()) out.push({ collection: c, document });
  }
  return out;
}
