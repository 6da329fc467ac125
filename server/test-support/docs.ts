/**
 * Documents as desks send them, for tests: whole documents of the desks' schemas, so the
 * server's validation takes them (docs/design.md invariant 13). What they name — `client-1`,
 * `svc-1`, `inv-1` — a test inserts first (`referenced` in harness.ts). Each records who made
 * it and on which desk (invariant 11): by default the admin of a test clinic on its creating
 * desk (harness.ts createClinic), which tests override. Imported by tests only.
 */
import type { WireDocument } from '../../shared/sync/protocol.js';
import { defaultPaymentSettings } from '../../shared/domain/payment-settings.js';

const AT = '2026-03-02T09:00:00.000Z';
/** The admin and the creating desk of every clinic createClinic makes (unless told otherwise). */
export const TEST_ADMIN = 'st-admin';
export const TEST_DESK = 'desk-1';
const audit = { createdAt: AT, updatedAt: AT, updatedBy: TEST_ADMIN, deskId: TEST_DESK } as const;

export function staffDoc(id: string, name: string, roles: string[], over: Partial<WireDocument> = {}): WireDocument {
  return { id, _deleted: false, name, email: '', roles, isPractitioner: false, color: '#336699', active: true, sortKey: 0, ...audit, ...over };
}

export function clientDoc(id: string, over: Partial<WireDocument> = {}): WireDocument {
  return {
    id, _deleted: false, firstName: 'Kari', lastName: 'Nordmann', sortName: 'nordmann kari', searchText: 'kari nordmann', email: '', phone: '',
    address: '', dateOfBirth: '', ...audit, ...over,
  };
}

export function serviceDoc(id: string, over: Partial<WireDocument> = {}): WireDocument {
  return { id, _deleted: false, name: 'Massage 60 min', durationMinutes: 60, priceMinor: 75_000, currency: 'NOK', vatRateBp: 2500, active: true, ...audit, ...over };
}

export function bookingDoc(id: string, over: Partial<WireDocument> = {}): WireDocument {
  return {
    id, _deleted: false, clientId: 'client-1', serviceId: 'svc-1', practitionerId: 'st-pract', start: '2026-03-03T09:00:00.000Z', end: '2026-03-03T10:00:00.000Z',
    status: 'booked', billing: 'manual', billingChosen: false, invoiceId: '', ...audit, ...over,
  };
}

export function draftInvoice(id: string, over: Partial<WireDocument> = {}): WireDocument {
  return {
    id, _deleted: false, kind: 'invoice', status: 'draft', clientId: 'client-1', bookingId: '', creditsInvoiceId: '', currency: 'NOK',
    lines: [{ id: `${id}-l1`, serviceId: 'svc-1', description: 'Massage 60 min', quantity: 1, unitPriceMinor: 75_000, discountBp: 0, vatRateBp: 2500 }],
    number: 0, invoiceDate: '', dueDate: '', completedAt: '', serviceDate: '', ...audit, ...over,
  };
}

/** The draft completed on a synced desk: number 0, no dates ("number pending"). */
export function completedPending(draft: WireDocument, by = draft.updatedBy as string): WireDocument {
  return { ...draft, status: 'completed', completedAt: '2026-03-02T10:00:00.000Z', updatedAt: '2026-03-02T10:00:00.000Z', updatedBy: by };
}

export function paymentDoc(id: string, over: Partial<WireDocument> = {}): WireDocument {
  return {
    id, _deleted: false, kind: 'payment', invoiceId: 'inv-1', clientId: 'client-1', method: 'card_terminal', amountMinor: 75_000,
    currency: 'NOK', at: AT, recordedBy: TEST_ADMIN, recordedOn: TEST_DESK, tenderedMinor: 0, externalRef: '', ...over,
  };
}

export function paymentRequestDoc(id: string, over: Partial<WireDocument> = {}): WireDocument {
  return {
    id, _deleted: false, invoiceId: 'inv-1', clientId: 'client-1', amountMinor: 75_000, currency: 'NOK', channels: ['email'], purpose: 'payment_link',
    status: 'scheduled', sendAt: AT, sentAt: '', linkUrl: '', providerRef: '', expiresAt: '', feeMinor: 0, problem: '', ...audit, ...over,
  };
}

export function settingsDoc(over: Partial<WireDocument> = {}): WireDocument {
  return {
    id: 'clinic', _deleted: false, clinicName: 'Fjord Physio', displayName: 'Fjord Physio', currency: 'NOK', locale: 'nb-NO', timeZone: 'Europe/Oslo',
    billingProcess: 'manual', manualCreateDraft: true, defaultAltPaymentMethod: 'card_terminal', linkTiming: 'after_appointment', linkDelayMinutes: 15,
    paymentTermsDays: 14, vatRatesBp: [2500, 0], organisationNumber: '', address: '', bankAccount: '', supportEmail: '', senderName: '',
    ...defaultPaymentSettings(2500), invoicingActivatedAt: AT, senderMode: 'staff', idleLockMinutes: 10, ...audit, ...over,
  };
}

export function messageDoc(id: string, over: Partial<WireDocument> = {}): WireDocument {
  return {
    id, _deleted: false, invoiceId: 'inv-1', paymentRequestId: '', clientId: 'client-1', channel: 'email', purpose: 'payment_link', recipient: 'kari@example.com',
    outcome: 'sent', detail: '', costMinor: 0, currency: 'NOK', at: AT, by: TEST_ADMIN, deskId: TEST_DESK, ...over,
  };
}

/** An activity entry (a fact), as the admin's desk records it. */
export function activityDoc(id: string, over: Partial<WireDocument> = {}): WireDocument {
  return { id, _deleted: false, entity: 'client', entityId: 'client-1', action: 'client.created', summary: 'Client added', at: AT, by: TEST_ADMIN, deskId: TEST_DESK, ...over };
}
