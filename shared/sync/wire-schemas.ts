/**
 * The JSON Schema of a document on the wire, per collection: the desks' own RxDB schema
 * (shared/schemas) without RxDB's storage keywords, plus RxDB's `_deleted` flag, and nothing
 * else — so a wire document may carry no RxDB meta fields (`_meta`, `_rev`, `_attachments`:
 * a desk pushes `syncState(...)`, shared/sync/conflicts.ts) and no field the desks do not
 * know (docs/design.md invariant 13). Pure; imported by the validators' code generator
 * (shared/test-support/validator-codegen.ts) and its tests.
 */
import { collectionSchemas, type CollectionName } from '../schemas/index.js';

/**
 * Top-level keywords only RxDB reads (storage, indexes, versioning). Anything else is
 * handed to the validator compiler, whose strict mode refuses a keyword it does not know:
 * a new RxDB keyword in a schema fails the generation with its name rather than being
 * silently ignored.
 */
const RXDB_ONLY_KEYWORDS = new Set(['version', 'primaryKey', 'indexes', 'keyCompression', 'encrypted', 'attachments', 'internalIndexes', 'sharding', 'crdt']);

export type JsonSchema = Record<string, unknown>;

export function wireSchemaOf(collection: CollectionName): JsonSchema {
  const schema = collectionSchemas[collection] as unknown as JsonSchema & { properties: JsonSchema; required?: readonly string[]; primaryKey: string };
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) if (!RXDB_ONLY_KEYWORDS.has(key)) out[key] = value;
  out.properties = { ...schema.properties, _deleted: { type: 'boolean' } };
  // A tombstone is still a whole document: every required field, `_deleted` and the primary key.
  out.required = [...new Set([...(schema.required ?? []), schema.primaryKey, '_deleted'])];
  out.additionalProperties = false;
  return out;
}
