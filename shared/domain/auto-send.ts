/**
 * Automatic mode (docs/product.md §4): when the payment link for a booking goes out — right
 * after the booking is made, or N minutes after the appointment ends (15 by default).
 * Instants are UTC, so "15 minutes after" is the same across a daylight-saving change.
 */
import type { BookingDoc, ClientDoc, ClinicSettingsDoc, InvoiceDoc, PaymentRequestDoc } from '../schemas/index.js';
import { createStamp, type Actor } from './actor.js';
import { reachableChannels } from './contact.js';
import { newId } from './ids.js';
import { addMinutes } from './time.js';
import { BALANCE_AMOUNT, storedAmountMinor } from './link-amount.js';
import { problemFields } from './link-request-status.js';
import { text } from '../i18n/text.js';

export function automaticLinkSendAt(
  booking: Pick<BookingDoc, 'createdAt' | 'end'>,
  settings: Pick<ClinicSettingsDoc, 'linkTiming' | 'linkDelayMinutes'>,
): string {
  return settings.linkTiming === 'after_booking' ? booking.createdAt : addMinutes(booking.end, settings.linkDelayMinutes);
}

/**
 * The link an Automatic booking schedules: for the balance when it goes out (so edits to
 * the draft are charged as they stand), by every channel the
 * client can be reached on. A client with neither gets a request that staff see as not sent.
 */
export function automaticLinkRequest(
  booking: Pick<BookingDoc, 'createdAt' | 'end' | 'clientId'>,
  invoice: Pick<InvoiceDoc, 'id' | 'currency'>,
  client: Pick<ClientDoc, 'email' | 'phone'>,
  settings: Pick<ClinicSettingsDoc, 'linkTiming' | 'linkDelayMinutes'>,
  by: Actor,
): PaymentRequestDoc {
  const channels = reachableChannels(client);
  return {
    id: newId(), invoiceId: invoice.id, clientId: booking.clientId, amountMinor: storedAmountMinor(BALANCE_AMOUNT), currency: invoice.currency, channels,
    purpose: 'payment_link', status: channels.length > 0 ? 'scheduled' : 'failed', sendAt: automaticLinkSendAt(booking, settings),
    sentAt: '', linkUrl: '', providerRef: '', expiresAt: '', feeMinor: 0,
    ...problemFields(channels.length > 0 ? null : text('link.problem.noChannel')),
    ...createStamp(by),
  };
}
