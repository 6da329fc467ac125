/** SQL for clinics and their invoice counter. Imported by server/sync and server/routes. */
import type { Queryable } from '../store/store.js';

/** Inserts the clinic; false when its id is taken. */
export async function insertClinic(tx: Queryable, clinic: { id: string; name: string; at: Date }): Promise<boolean> {
  const rows = await tx.query(
    'INSERT INTO clinics (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id',
    [clinic.id, clinic.name, clinic.at],
  );
  return rows.length === 1;
}

/**
 * The next number of the clinic's series. Runs in the push transaction, after the clinic
 * row is locked by reserveSeq: numbers are handed out one transaction at a time and a
 * rolled-back push gives its number back, so the series has no gaps and no repeats.
 */
export async function nextInvoiceNumber(tx: Queryable, clinicId: string): Promise<number> {
  const rows = await tx.query<{ n: number }>('UPDATE clinics SET invoice_counter = invoice_counter + 1 WHERE id = $1 RETURNING invoice_counter AS n', [clinicId]);
  if (!rows[0]) throw new Error(`no clinic ${clinicId}`);
  return rows[0].n;
}

/** A desk brought its own number (a standalone desk's history): the series continues after it. */
export async function raiseInvoiceCounter(tx: Queryable, clinicId: string, atLeast: number): Promise<void> {
  await tx.query('UPDATE clinics SET invoice_counter = GREATEST(invoice_counter, $2) WHERE id = $1', [clinicId, atLeast]);
}
