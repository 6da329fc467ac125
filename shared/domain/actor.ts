/**
 * Who made a change, on which desk and when (docs/design.md invariant 11): written into the
 * document by the command that makes the change, and what the sync server checks — never
 * whoever happens to be signed in when the desk pushes. Importable from every runtime.
 */
export interface Actor {
  /** A staff member's id (they proved it with their PIN or password), or SYSTEM_ACTOR. */
  readonly actor: string;
  /** The desk's id; SERVER_DESK for the sync server's own writes. */
  readonly desk: string;
  /** UTC ISO instant, from the caller's injected clock (docs/decisions/0004-time.md). */
  readonly now: string;
}

/** The desk id the sync server records on what it writes itself (Stripe's webhooks). */
export const SERVER_DESK = 'server';

/** The last change of a mutable document. */
export function changeStamp(by: Actor): { updatedAt: string; updatedBy: string; deskId: string } {
  return { updatedAt: by.now, updatedBy: by.actor, deskId: by.desk };
}

/** A new mutable document: created and last changed by the same act. */
export function createStamp(by: Actor): { createdAt: string; updatedAt: string; updatedBy: string; deskId: string } {
  return { createdAt: by.now, ...changeStamp(by) };
}

/** An activity entry or a message: who, where, when. */
export function factStamp(by: Actor): { at: string; by: string; deskId: string } {
  return { at: by.now, by: by.actor, deskId: by.desk };
}
