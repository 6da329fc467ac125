/**
 * The checkpoint rule (docs/design.md invariant 4; docs/decisions/0005-sync-checkpoints.md).
 * Imported by server/data and server/sync only.
 *
 * Every transaction that writes documents starts with
 *     UPDATE clinics SET seq = seq + $n WHERE id = $1 RETURNING seq
 * before it reads or writes anything else. The UPDATE takes the clinic row's lock and
 * holds it until COMMIT, so a clinic's writers run one after another: the next writer's
 * UPDATE waits, and then (READ COMMITTED) sees the seq the previous one committed. Seq
 * order is therefore commit order. A pull (`seq > checkpoint ORDER BY seq`) sees a
 * snapshot; any row with a seq at or below the highest seq it returns was committed
 * before that row, so it is in the same snapshot — a later commit always gets a higher
 * seq, and nothing can appear "behind" a desk's checkpoint.
 *
 * A sequence or a timestamp taken at insert time would not do: two transactions take 7
 * and 8, 8 commits first, a desk pulls 8 and moves its checkpoint past 7 for ever (the
 * test in checkpoint.test.ts shows exactly that happening with nextval()).
 *
 * The writer reserves $n numbers (one per row it might write) and, still holding the
 * lock, gives back the ones it did not use (trimSeq), so seqs stay dense.
 */
import type { Queryable } from '../store/store.js';

export interface SeqReservation {
  /** The clinic's seq before this transaction: its writes get base+1, base+2, … */
  readonly base: number;
  readonly count: number;
}

/** Takes the clinic's write lock and reserves `count` seqs; null when the clinic does not exist. */
export async function reserveSeq(tx: Queryable, clinicId: string, count: number): Promise<SeqReservation | null> {
  const rows = await tx.query<{ seq: number }>('UPDATE clinics SET seq = seq + $2 WHERE id = $1 RETURNING seq', [clinicId, count]);
  const row = rows[0];
  return row ? { base: row.seq - count, count } : null;
}

/** Returns the unused part of a reservation; call before COMMIT (the lock is still held). */
export async function trimSeq(tx: Queryable, clinicId: string, reservation: SeqReservation, used: number): Promise<void> {
  if (used > reservation.count) throw new Error('used more seqs than reserved');
  if (used === reservation.count) return;
  await tx.query('UPDATE clinics SET seq = $2 WHERE id = $1', [clinicId, reservation.base + used]);
}
