/**
 * What is wrong with a synced document, once, for both sides (docs/design.md invariant 13):
 * a refusal code with parameters (the field, the limit…) and the reason as a Text, which each
 * reader's desk puts into their language (docs/decisions/0033-languages.md), with its English
 * for logs and older desks; the server frames it as a PushRefusal, a desk as a pulled document
 * it did not take. Pure; imported by the validation modules of shared/sync, the server and the
 * desks' replication.
 */
import type { CollectionName } from '../schemas/index.js';
import { text, type Text } from '../i18n/text.js';
import { inEnglish } from '../i18n/translator.js';
import type { PushRefusal, RefusalParams } from './protocol.js';
import type { RefusalCode } from './refusal-codes.js';

export interface DocumentProblem {
  /** invalid_document (not the schema's shape), rule_broken (a domain rule) or missing_reference. */
  readonly code: RefusalCode;
  /** Always `field` when one field is at fault; then what the rule needs (limit, allowed…). */
  readonly params: RefusalParams;
  /** The reason without framing, in English, e.g. `"amountMinor" must be a whole number`. */
  readonly reason: string;
  /** The same reason as a Text (a `syncRule.problem.*` message). */
  readonly reasonText: Text;
  /** The same document may be taken later without anyone acting (a reference still on its way). */
  readonly retryable?: boolean;
}

export const problem = (code: RefusalCode, reasonText: Text, params: RefusalParams = {}): DocumentProblem => ({ code, params, reason: inEnglish(reasonText), reasonText });

/** A field or key as a message quotes it: JSON-escaped (no control character reaches a screen) and short. */
export function quoted(name: string, max = 60): string {
  return JSON.stringify(name.length > max ? `${name.slice(0, max)}…` : name);
}

/**
 * The server's answer for a pushed document it did not take. The messages name the document by
 * its collection (a `select` in the catalogue), so each language words it its own way.
 */
export function pushRefusalOf(collection: CollectionName, id: string, p: DocumentProblem): PushRefusal {
  const said = text(p.retryable ? 'syncRule.notTakenYet' : 'syncRule.notTaken', { collection, reason: p.reasonText });
  return { id, code: p.code, params: p.params, message: inEnglish(said), text: said, ...(p.retryable ? { retryable: true } : {}) };
}
