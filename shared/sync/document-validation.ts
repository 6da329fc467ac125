/**
 * Whether a document on the wire (its fields plus `_deleted`) is one a desk could have
 * written (docs/design.md invariant 13): the desks' own schema, through the validator Ajv
 * compiled for the collection (document-validators.generated.ts); then its text and
 * numbers (text-rules.ts); then the domain rules a document keeps by itself
 * (document-rules.ts). A tombstone is judged as a whole document too. Pure and the same
 * on both sides: the sync server judges every pushed document with it (server/sync/
 * validate-push.ts) and the desks every pulled one (checkPulledDocuments). Imported by
 * server/ and by the desks' replication.
 */
import type { CollectionName } from '../schemas/index.js';
import { text, type Text } from '../i18n/text.js';
import { inEnglish } from '../i18n/translator.js';
import * as compiled from './document-validators.generated.js';
import type { DocumentProblem } from './document-problem.js';
import { rulesProblem } from './document-rules.js';
import type { RefusalParams, WireDocument } from './protocol.js';
import type { RefusalCode } from './refusal-codes.js';
import { schemaProblem, type SchemaError } from './schema-errors.js';
import { valuesProblem } from './text-rules.js';

interface CompiledValidator {
  (doc: unknown): boolean;
  errors?: readonly SchemaError[] | null;
}

const VALIDATORS = compiled as unknown as Readonly<Record<CollectionName, CompiledValidator>>;

/** What is wrong with this wire document, or null when a desk could have written it. */
export function documentProblem(collection: CollectionName, doc: unknown): DocumentProblem | null {
  const validate = VALIDATORS[collection];
  if (!validate(doc)) return schemaProblem(validate.errors?.[0]);
  const fields = doc as Readonly<Record<string, unknown>>;
  return valuesProblem(collection, fields) ?? rulesProblem(collection, fields);
}

/** A pulled document this desk did not take, and why. */
export interface PulledRejection {
  readonly collection: CollectionName;
  /** The document's id when it has a readable one. */
  readonly id: string;
  readonly code: RefusalCode;
  readonly params: RefusalParams;
  /** In English, for logs; `text` is the same for the reader's language. */
  readonly message: string;
  readonly text: Text;
}

const idOf = (doc: unknown): string => {
  const id = (doc as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id.slice(0, 40) : '';
};

/**
 * A pulled page split into what the desk may store and what it must not: a desk trusts its
 * sync server no more than the server trusts a desk.
 */
export function checkPulledDocuments(collection: CollectionName, docs: readonly unknown[]): { valid: WireDocument[]; rejected: PulledRejection[] } {
  const valid: WireDocument[] = [];
  const rejected: PulledRejection[] = [];
  for (const doc of docs) {
    const bad = documentProblem(collection, doc);
    if (!bad) {
      valid.push(doc as WireDocument);
      continue;
    }
    const id = idOf(doc);
    const said = id
      ? text('syncRule.pulledNotTaken', { collection, id: JSON.stringify(id), reason: bad.reasonText })
      : text('syncRule.pulledNotTakenNoId', { collection, reason: bad.reasonText });
    rejected.push({ collection, id, code: bad.code, params: bad.params, message: inEnglish(said), text: said });
  }
  return { valid, rejected };
}
