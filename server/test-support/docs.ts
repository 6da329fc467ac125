/** Documents as desks send them, for tests. Imported by tests only. */
import type { WireDocument } from '../../shared/sync/protocol.js';

const AT = '2026-03-02T09:00:00.000Z';

export function staffDoc(id: string, name: string, roles: string[], over: Partial<WireDocument> = {}): WireDocument {
  return {
    id, _deleted: false, name, email: '', roles, isPractitioner: false, color: '#336699', active: true, sortKey: 0,
    createdAt: AT, updatedAt: AT, updatedBy: 'system', ...over,
  };
}

export function clientDoc(id: string, over: Partial<WireDocument> = {}): WireDocument {
  return { id, _deleted: false, firstName: 'Kari', lastName: 'Nordmann', createdAt: AT, updatedAt: AT, updatedBy: 'system', ...over };
}

export function draftInvoice(id: string, over: Partial<WireDocument> = {}): WireDocument {
  return {
    id, _deleted: false, kind: 'invoice', status: 'draft', clientId: 'client-1', bookingId: '', creditsInvoiceId: '', currency: 'NOK',
    lines: [{ id: `${id}-l1`, serviceId: 'svc-1', description: 'Massage 60 min', quantity: 1, unitPriceMinor: 75_000, discountBp: 0, vatRateBp: 2500 }],
    number: 0, invoiceDate: '', dueDate: '', completedAt: '', createdAt: AT, updatedAt: AT, updatedBy: 'system', ...over,
  };
}

/** The draft completed on a synced desk: number 0, no dates ("number pending"). */
export function completedPending(draft: WireDocument, by = 'system'): WireDocument {
  return { ...draft, status: 'completed', completedAt: '2026-03-02T10:00:00.000Z', updatedAt: '2026-03-02T10:00:00.000Z', updatedBy: by };
}

export function paymentDoc(id: string, over: Partial<WireDocument> = {}): WireDocument {
  return {
    id, _deleted: false, kind: 'payment', invoiceId: 'inv-1', clientId: 'client-1', method: 'card_terminal', amountMinor: 75_000,
    currency: 'NOK', at: AT, recordedBy: 'system', externalRef: '', ...over,
  };
}

export function settingsDoc(over: Partial<WireDocument> = {}): WireDocument {
  return { id: 'clinic', _deleted: false, clinicName: 'Fjord Physio', timeZone: 'Europe/Oslo', paymentTermsDays: 14, createdAt: AT, updatedAt: AT, updatedBy: 'system', ...over };
}
