/**
 * Booking → invoice rules (docs/product.md §1, §4, §7). The clinic sets a default billing
 * process; a booking may override it. Manual mode with "create draft automatically"
 * off means bookings are externally billed, and so are bookings made before payments
 * were activated (shared/domain/activation.ts).
 */
import type { BillingMode, BookingDoc, ClinicSettingsDoc, InvoiceDoc, ServiceDoc } from '../schemas/index.js';
import { createStamp, type Actor } from './actor.js';
import { newId } from './ids.js';
import { localDateOf } from './time.js';
import type { MessageId } from '../i18n/text.js';
import { paymentsActive } from './activation.js';

/** What the booking form's Invoicing section offers. */
export type BillingChoice = 'clinic-default' | BillingMode;

type BillingSettings = Pick<ClinicSettingsDoc, 'billingProcess' | 'manualCreateDraft' | 'invoicingActivatedAt'>;

/** The clinic default expressed as a billing mode. */
export function clinicDefaultBilling(settings: BillingSettings): BillingMode {
  if (settings.billingProcess === 'automatic') return 'automatic';
  return settings.manualCreateDraft ? 'manual' : 'external';
}

/** The mode a booking gets, given what was chosen on the form and when it was made. */
export function resolveBilling(settings: BillingSettings, choice: BillingChoice, createdAt: string): BillingMode {
  // Before payments are activated, and for bookings made before that moment: billed outside the app.
  if (!paymentsActive(settings) || createdAt < settings.invoicingActivatedAt) return 'external';
  return choice === 'clinic-default' ? clinicDefaultBilling(settings) : choice;
}

export function createsDraftInvoice(mode: BillingMode): boolean {
  return mode !== 'external';
}

/** The draft invoice for a booking: one line from the service's price and VAT rate. */
export function draftInvoiceForBooking(
  booking: Pick<BookingDoc, 'id' | 'clientId' | 'start'>,
  service: Pick<ServiceDoc, 'id' | 'name' | 'priceMinor' | 'vatRateBp'>,
  settings: Pick<ClinicSettingsDoc, 'currency' | 'timeZone'>,
  invoiceId: string,
  by: Actor,
): InvoiceDoc {
  const serviceDate = localDateOf(booking.start, settings.timeZone);
  return {
    id: invoiceId,
    kind: 'invoice',
    status: 'draft',
    clientId: booking.clientId,
    bookingId: booking.id,
    creditsInvoiceId: '',
    currency: settings.currency,
    lines: [{
      id: newId(),
      serviceId: service.id,
      description: service.name,
      quantity: 1,
      unitPriceMinor: service.priceMinor,
      discountBp: 0,
      vatRateBp: service.vatRateBp,
    }],
    number: 0,
    invoiceDate: '',
    dueDate: '',
    completedAt: '',
    serviceDate,
    ...createStamp(by),
  };
}

/** Each billing mode's name, as a catalogue id: `t(BILLING_LABELS[mode])`. */
export const BILLING_LABELS: Readonly<Record<BillingMode, MessageId>> = {
  automatic: 'booking.billing.automatic',
  manual: 'booking.billing.manual',
  external: 'booking.billing.external',
};
