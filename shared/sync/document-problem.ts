/**
 * What is wrong with a synced document, once, for both sides (docs/design.md invariant 13):
 * a refusal code with parameters (the field, the limit…) and the reason in plain words; the
 * server frames it as a PushRefusal, a desk as a pulled document it did not take. Pure;
 * imported by the validation modules of shared/sync, the server and the desks' replication.
 */
import type { CollectionName } from '../schemas/index.js';
import type { PushRefusal, RefusalParams } from './protocol.js';
import type { RefusalCode } from './refusal-codes.js';

export interface DocumentProblem {
  /** invalid_document (not the schema's shape), rule_broken (a domain rule) or missing_reference. */
  readonly code: RefusalCode;
  /** Always `field` when one field is at fault; then what the rule needs (limit, allowed…). */
  readonly params: RefusalParams;
  /** The reason without framing, e.g. `"amountMinor" must be a whole number`. */
  readonly reason: string;
  /** The same document may be taken later without anyone acting (a reference still on its way). */
  readonly retryable?: boolean;
}

export const problem = (code: RefusalCode, reason: string, params: RefusalParams = {}): DocumentProblem => ({ code, params, reason });

/** How a message names one document of a collection. */
const NOUNS: Readonly<Record<CollectionName, string>> = {
  settings: 'clinic settings',
  staff: 'staff member',
  clients: 'client',
  services: 'service',
  bookings: 'booking',
  invoices: 'invoice',
  payments: 'payment',
  paymentrequests: 'payment request',
  messages: 'message record',
  activity: 'activity log entry',
};

export const nounOf = (collection: CollectionName): string => NOUNS[collection];

/** A field or key as a message quotes it: JSON-escaped (no control character reaches a screen) and short. */
export function quoted(name: string, max = 60): string {
  return JSON.stringify(name.length > max ? `${name.slice(0, max)}…` : name);
}

/** The server's answer for a pushed document it did not take. */
export function pushRefusalOf(collection: CollectionName, id: string, p: DocumentProblem): PushRefusal {
  const message = p.retryable
    ? `The sync server has not taken this ${nounOf(collection)} yet: ${p.reason}. This desk sends it again once that has reached the server.`
    : `The sync server did not take this ${nounOf(collection)}: ${p.reason}.`;
  return { id, code: p.code, params: p.params, message, ...(p.retryable ? { retryable: true } : {}) };
}
