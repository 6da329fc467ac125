/**
 * SQL for send claims (migration 3): one row per (payment request or dunning step,
 * channel) per clinic. Inserting is the claim — of any number of desks asking at once,
 * exactly one gets the row. Imported by server/routes/claims.ts.
 */
import type { Queryable } from '../store/store.js';

export async function claimSend(q: Queryable, clinicId: string, key: string, deviceId: string, at: Date): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO send_claims (clinic_id, key, device_id, state, claimed_at) VALUES ($1, $2, $3, 'claimed', $4)
     ON CONFLICT (clinic_id, key) DO NOTHING RETURNING key`,
    [clinicId, key, deviceId, at],
  );
  return rows.length === 1;
}

/** Records how a claimed send ended; a failed one (nothing delivered) frees the job. Only the claiming desk may. */
export async function finishSend(q: Queryable, clinicId: string, key: string, deviceId: string, outcome: 'sent' | 'failed' | 'unknown'): Promise<boolean> {
  const rows = outcome === 'failed'
    ? await q.query(`DELETE FROM send_claims WHERE clinic_id = $1 AND key = $2 AND device_id = $3 AND state = 'claimed' RETURNING key`, [clinicId, key, deviceId])
    : await q.query(`UPDATE send_claims SET state = $4 WHERE clinic_id = $1 AND key = $2 AND device_id = $3 RETURNING key`, [clinicId, key, deviceId, outcome]);
  return rows.length === 1;
}

export async function unfinishedSends(q: Queryable, clinicId: string, deviceId: string): Promise<string[]> {
  const rows = await q.query<{ key: string }>(`SELECT key FROM send_claims WHERE clinic_id = $1 AND device_id = $2 AND state = 'claimed' ORDER BY claimed_at`, [clinicId, deviceId]);
  return rows.map((r) => r.key);
}
