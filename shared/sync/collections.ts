/**
 * How each synced collection behaves, for the replication client and the server alike:
 * which permission a write needs, and whether its documents are append-only facts.
 */
import type { CollectionName } from '../schemas/index.js';
import type { Permission } from '../domain/permissions.js';

export interface CollectionPolicy {
  /** Permission the acting staff member needs to write a document here. */
  readonly write: Permission;
  /** Facts: inserted once, never changed or deleted (docs/design.md invariant 2). */
  readonly appendOnly: boolean;
  /** The document field naming who wrote it (checked against the acting staff member). */
  readonly actorField: 'updatedBy' | 'recordedBy' | 'by' | null;
}

export const COLLECTION_POLICIES: Readonly<Record<CollectionName, CollectionPolicy>> = {
  settings: { write: 'admin', appendOnly: false, actorField: 'updatedBy' },
  staff: { write: 'admin', appendOnly: false, actorField: 'updatedBy' },
  services: { write: 'admin', appendOnly: false, actorField: 'updatedBy' },
  clients: { write: 'book', appendOnly: false, actorField: 'updatedBy' },
  bookings: { write: 'book', appendOnly: false, actorField: 'updatedBy' },
  // Booking writes drafts; the change itself decides whether billing is needed (invoice-permissions.ts).
  invoices: { write: 'book', appendOnly: false, actorField: 'updatedBy' },
  payments: { write: 'billing', appendOnly: true, actorField: 'recordedBy' },
  // Per change (payment-request-permissions.ts): automatic links and the desk's sending work need only booking.
  paymentrequests: { write: 'book', appendOnly: false, actorField: 'updatedBy' },
  // Records of what the desk sent: they move no money, and any desk sends what is due.
  messages: { write: 'book', appendOnly: true, actorField: null },
  activity: { write: 'book', appendOnly: true, actorField: 'by' },
};
