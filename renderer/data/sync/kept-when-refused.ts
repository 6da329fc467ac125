/**
 * What a refusal must not take away from the desk: facts and issued invoices, which a person
 * entered (docs/design.md invariants 2, 3, 13). Used by desk-replication.ts and command-outbox.ts.
 */
import type { CollectionName } from '../../../shared/schemas/index.js';
import { COLLECTION_POLICIES } from '../../../shared/sync/collections.js';
import type { WireDocument } from '../../../shared/sync/protocol.js';

export function isKeptWhenRefused(collection: CollectionName, doc: WireDocument): boolean {
  return COLLECTION_POLICIES[collection].appendOnly || (collection === 'invoices' && doc.status !== 'draft');
}
