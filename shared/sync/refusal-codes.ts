/**
 * The reasons a sync server gives for not taking a pushed document (PushRefusal.code).
 * One list, used by the server when it refuses and by the desk when it says why, so a
 * misspelt code fails the typecheck. Imported by server/ and by the desks' replication.
 */
export const REFUSAL_CODES = [
  /** The recorded actor may not make this change (role, inactive, unknown, another clinic). */
  'permission_denied',
  /** A new change names another desk than the one pushing it (docs/design.md invariant 11). */
  'wrong_desk',
  /** The document does not have the shape of the desks' own schema. */
  'invalid_document',
  /** A domain rule: amount bounds, currency, a payment kind's method… */
  'rule_broken',
  /** It names a document the server does not hold (yet). */
  'missing_reference',
  /** Facts and numbered invoices are never deleted or rewritten (invariants 2, 3). */
  'fact_is_final',
  /** An invoice number the desk may not bring, or one already taken. */
  'invoice_number',
  /** A write recorded as the system's own that its rule does not allow. */
  'system_write',
  /** Made with other changes in one command, which have not all reached the server yet (retryable). */
  'waits_for_command',
  /** Another change of the same command was refused, so the server kept none of it. */
  'command_refused',
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];
