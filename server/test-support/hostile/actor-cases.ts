/**
 * Hostile pushes about who made a change and what the system may write (docs/design.md
 * invariant 11; docs/decisions/0017-recorded-actor-and-desk.md, 0022-system-write-bounds.md):
 * forged actors, role bypasses through system writes, changes claimed for another desk and
 * invoice-number forgery. Each is a row case of document-cases.ts, sent with a harmless row.
 * Imported by tests only (the hostile-input suite).
 */
import { DESK_ACTOR } from '../../../shared/domain/setup.js';
import { reminderFeeId } from '../../../shared/domain/reminder-fees.js';
import { TEST_ADMIN, clientDoc, draftInvoice, paymentDoc, paymentRequestDoc, settingsDoc, staffDoc } from '../docs.js';
import { by, paidBy } from '../harness.js';
import { HOSTILE_SENT_LINK, HOSTILE_STAFF, rowCase, type HostileCase, type RowCase } from './document-cases.js';

/** A line whose id stays short whatever the case's id. */
const LINE = { id: 'l1', serviceId: 'svc-1', description: 'Massage 60 min', quantity: 1, unitPriceMinor: 75_000, discountBp: 0, vatRateBp: 2500 };
const sentLink = () => paymentRequestDoc(HOSTILE_SENT_LINK.id, HOSTILE_SENT_LINK);

const actorCases: RowCase[] = [
  { name: 'a payment recorded by a staff id of another clinic', collection: 'payments', expectCode: 'permission_denied', doc: (id, d) => paymentDoc(id, paidBy(d, 'st-of-another-clinic')) },
  { name: 'a payment recorded by a removed staff member', collection: 'payments', expectCode: 'permission_denied', doc: (id, d) => paymentDoc(id, paidBy(d, HOSTILE_STAFF.removed)) },
  { name: 'a payment recorded by reception', collection: 'payments', expectCode: 'permission_denied', doc: (id, d) => paymentDoc(id, paidBy(d, HOSTILE_STAFF.reception)) },
  {
    name: 'reception promoting itself to admin', collection: 'staff', expectCode: 'permission_denied',
    doc: (_id, d) => staffDoc(HOSTILE_STAFF.reception, 'Rita Reception', ['admin'], by(d, HOSTILE_STAFF.reception)),
    assumed: () => staffDoc(HOSTILE_STAFF.reception, 'Rita Reception', ['reception']),
  },
  { name: 'a new admin recorded as the clinic setup', collection: 'staff', expectCode: 'permission_denied', doc: (id, d) => staffDoc(id, 'Sneaky Admin', ['admin'], by(d, DESK_ACTOR)) },
  { name: 'clinic settings recorded by reception', collection: 'settings', expectCode: 'permission_denied', doc: (_id, d) => settingsDoc({ clinicName: 'Taken Over AS', ...by(d, HOSTILE_STAFF.reception) }), assumed: () => settingsDoc() },
  { name: 'a client recorded as made on another desk', collection: 'clients', expectCode: 'wrong_desk', doc: (id, d) => clientDoc(id, { ...by(d, TEST_ADMIN), deskId: 'desk-of-someone-else' }) },
  { name: 'a payment recorded as made on another desk', collection: 'payments', expectCode: 'wrong_desk', doc: (id, d) => paymentDoc(id, { ...paidBy(d, TEST_ADMIN), recordedOn: 'desk-of-someone-else' }), fromOtherDesk: true },
  { name: 'a 99,999 kr reminder fee as the chasing\'s', collection: 'payments', expectCode: 'rule_broken', doc: (_id, d) => paymentDoc(reminderFeeId('inv-1', 'reminder'), { kind: 'fee', method: 'other', amountMinor: 9_999_900, at: '2026-04-20T09:00:00.000Z', ...paidBy(d, 'system') }) },
  { name: 'a cash payment recorded as the system\'s', collection: 'payments', expectCode: 'system_write', doc: (id, d) => paymentDoc(id, { method: 'cash', ...paidBy(d, 'system') }) },
  { name: 'a link payment the provider never reported', collection: 'payments', expectCode: 'system_write', doc: (id, d) => paymentDoc(id, { method: 'payment_link', externalRef: '', ...paidBy(d, 'system') }) },
  { name: 'a staff member recorded as the system\'s', collection: 'staff', expectCode: 'system_write', doc: (id, d) => staffDoc(id, 'Robot', ['admin'], by(d, 'system')) },
  {
    name: 'a sent link set to paid for 1 kr as the system\'s', collection: 'paymentrequests', expectCode: 'system_write',
    doc: (_id, d) => ({ ...sentLink(), status: 'paid', amountMinor: 100, ...by(d, 'system') }), assumed: sentLink,
  },
  {
    name: 'a sent link moved to an outside site as the system\'s', collection: 'paymentrequests', expectCode: 'system_write',
    doc: (_id, d) => ({ ...sentLink(), linkUrl: 'https://pay.evil.example/x', ...by(d, 'system') }), assumed: sentLink,
  },
  { name: 'a payment link created as the system\'s', collection: 'paymentrequests', expectCode: 'system_write', doc: (id, d) => paymentRequestDoc(id, { amountMinor: 99_000, ...by(d, 'system') }) },
  {
    name: 'an invoice numbered 900000 by a desk', collection: 'invoices', expectCode: 'invoice_number', fromOtherDesk: true,
    doc: (id, d) => draftInvoice(id, { lines: [LINE], status: 'completed', number: 900_000, invoiceDate: '2026-03-01', dueDate: '2026-03-15', completedAt: '2026-03-01T10:00:00.000Z', ...by(d, TEST_ADMIN) }),
  },
];

export const HOSTILE_ACTOR_CASES: readonly HostileCase[] = actorCases.map(rowCase);
