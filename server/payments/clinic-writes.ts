/**
 * One clinic's writes inside a Stripe event's transaction: the clinic's seq lock first
 * (decision 0005), then each document with the clinic's next seq, facts only once. Imported
 * by server/payments only.
 */
import type { CollectionName } from '../../shared/schemas/index.js';
import type { WireDocument } from '../../shared/sync/protocol.js';
import { readDocument, writeDocument } from '../data/documents.js';
import { reserveSeq } from '../data/sequence.js';
import type { Queryable } from '../store/store.js';

export interface ClinicWrites {
  write(collection: CollectionName, document: WireDocument): Promise<void>;
  /** Writes a money fact unless one with its id is there (a second report of the same money); true when written. */
  addFact(document: WireDocument): Promise<boolean>;
  /** What was written, for the log. */
  readonly written: string[];
  /** For the desks' change stream; null when nothing was written. */
  changed(): { collections: CollectionName[]; seq: number } | null;
}

/** Takes the clinic's write lock; null when the server holds no such clinic. */
export async function openClinicWrites(tx: Queryable, clinicId: string, now: Date): Promise<ClinicWrites | null> {
  // First statement on the clinic: its lock, held until COMMIT (server/data/sequence.ts).
  const lock = await reserveSeq(tx, clinicId, 0);
  if (!lock) return null;
  let seq = lock.base;
  const collections = new Set<CollectionName>();
  const written: string[] = [];
  const write = async (collection: CollectionName, document: WireDocument) => {
    // One seq a write, still under the lock: seqs stay dense and in commit order.
    seq = (await reserveSeq(tx, clinicId, 1))!.base + 1;
    await writeDocument(tx, { clinicId, collection, document, seq, staffId: null, deviceId: null, at: now });
    collections.add(collection);
  };
  return {
    write,
    async addFact(document) {
      if (await readDocument(tx, clinicId, 'payments', document.id)) return false;
      await write('payments', document);
      written.push(`${String(document.kind)} ${String(document.amountMinor)} ${String(document.currency)}`);
      return true;
    },
    written,
    changed: () => (collections.size > 0 ? { collections: [...collections], seq } : null),
  };
}
