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
  /** The document fields naming who made the change, on which desk, and when (docs/design.md invariant 11). */
  readonly actorField: 'updatedBy' | 'recordedBy' | 'by';
  readonly deskField: 'deskId' | 'recordedOn';
  readonly timeField: 'updatedAt' | 'at';
}

const MUTABLE = { appendOnly: false, actorField: 'updatedBy', deskField: 'deskId', timeField: 'updatedAt' } as const;
const FACT = { appendOnly: true, actorField: 'by', deskField: 'deskId', timeField: 'at' } as const;

export const COLLECTION_POLICIES: Readonly<Record<CollectionName, CollectionPolicy>> = {
  settings: { write: 'admin', ...MUTABLE },
  staff: { write: 'admin', ...MUTABLE },
  services: { write: 'admin', ...MUTABLE },
  clients: { write: 'book', ...MUTABLE },
  bookings: { write: 'book', ...MUTABLE },
  // Booking writes drafts; the change itself decides whether billing is needed (invoice-permissions.ts).
  invoices: { write: 'book', ...MUTABLE },
  payments: { write: 'billing', ...FACT, actorField: 'recordedBy', deskField: 'recordedOn' },
  // Per change (payment-request-permissions.ts): automatic links and the desk's sending work need only booking.
  paymentrequests: { write: 'book', ...MUTABLE },
  // Records of what the desk sent: they move no money, and any desk sends what is due.
  messages: { write: 'book', ...FACT },
  activity: { write: 'book', ...FACT },
};
