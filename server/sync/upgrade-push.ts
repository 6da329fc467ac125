/**
 * A push from a desk of an older protocol carries documents at that release's schema
 * versions: they are migrated to the current ones with the desks' own migrations before
 * anything compares or stores them, so the server holds one version of every document
 * (docs/decisions/0014-schema-versions.md). Imported by server/routes/sync.ts.
 */
import type { CollectionName } from '../../shared/schemas/index.js';
import { collectionSchemas } from '../../shared/schemas/index.js';
import { upgradeDocument } from '../../shared/schemas/migrations.js';
import type { PushRow, WireDocument } from '../../shared/sync/protocol.js';
import { schemaVersionAt } from '../../shared/sync/protocol-version.js';

function upgrade(collection: CollectionName, doc: WireDocument, from: number, to: number): WireDocument {
  const { id, _deleted, ...data } = doc;
  const upgraded = upgradeDocument(collection, data, from, to);
  return upgraded ? { ...upgraded, id, _deleted } : { ...data, id, _deleted: true };
}

export function upgradePushRows(collection: CollectionName, rows: PushRow[], deskProtocol: number): PushRow[] {
  const from = schemaVersionAt(deskProtocol, collection);
  const to = collectionSchemas[collection].version;
  if (from === to) return rows;
  return rows.map((row) => ({
    newDocumentState: upgrade(collection, row.newDocumentState, from, to),
    ...(row.assumedMasterState ? { assumedMasterState: upgrade(collection, row.assumedMasterState, from, to) } : {}),
    ...(row.command ? { command: row.command } : {}),
  }));
}
