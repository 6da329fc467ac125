/**
 * A desk trusts its sync server no more than the server trusts a desk (docs/design.md
 * invariant 13): every pulled page is checked with the same compiled validators the server
 * uses (shared/sync/document-validation.ts) before RxDB or the first sync
 * (first-sync.ts) may write it, in production too. A document that fails is not written
 * and is reported; the rest of the page is.
 *
 * Leaving documents out must not change what the page means to its reader. RxDB's
 * downstream and the first sync both take a page shorter than the batch size for the last
 * one, and RxDB stops at an empty page without moving its checkpoint — so a page the check
 * shortened is topped up from the next pages until it is as full as the server's was, or
 * the server's own last page is reached. The checkpoint is always the server's, past
 * what was left out: the desk never asks for a rejected document again, and takes a later
 * version of it (a correction) as soon as one comes, and says so (`onValid`: the documents
 * that passed, so a notice about an earlier rejected version can go). Used by desk-replication.ts only.
 */
import type { CollectionName } from '../../../shared/schemas/index.js';
import { checkPulledDocuments, type PulledRejection } from '../../../shared/sync/document-validation.js';
import type { PullResponse, SyncCheckpoint, WireDocument } from '../../../shared/sync/protocol.js';

export type PullPage = (checkpoint: SyncCheckpoint | undefined, batchSize: number) => Promise<PullResponse>;

export function checkedPull(collection: CollectionName, pull: PullPage, onRejected: (rejected: PulledRejection[]) => void, onValid: (valid: WireDocument[]) => void = () => undefined): PullPage {
  return async (checkpoint, batchSize) => {
    const documents: WireDocument[] = [];
    let from = checkpoint;
    for (;;) {
      const page = await pull(from, batchSize);
      const { valid, rejected } = checkPulledDocuments(collection, page.documents);
      if (valid.length > 0) onValid(valid);
      if (rejected.length === 0 && documents.length === 0) return page;
      if (rejected.length > 0) onRejected(rejected);
      documents.push(...valid);
      from = page.checkpoint;
      const serverHadMore = page.documents.length >= batchSize;
      if (!serverHadMore || documents.length >= batchSize) return { documents, checkpoint: page.checkpoint };
    }
  };
}
