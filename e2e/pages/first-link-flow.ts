/**
 * A flow several specs start from: Ingrid Berg (email only) booked today at 09:00, her invoice
 * opened from the booking, and a part-payment link for 300 sent by email. Returns the open
 * invoice dialog's page model.
 */
import { expect, type Page } from '@playwright/test';
import { todayInOslo } from '../support/money.js';
import { ClientsPage } from './clients-page.js';
import { CalendarPage } from './calendar-page.js';
import { InvoiceDialog } from './invoice-dialog.js';

export async function sendFirstLink(page: Page): Promise<InvoiceDialog> {
  const clients = new ClientsPage(page);
  await clients.open();
  await clients.create({ firstName: 'Ingrid', lastName: 'Berg', email: 'ingrid.berg@example.com' });
  const calendar = new CalendarPage(page);
  await calendar.open();
  await calendar.newBooking(todayInOslo(), '09:00');
  await calendar.chooseClient('berg', 'Ingrid Berg');
  await calendar.save();
  await expect(calendar.bookingDialog()).toBeHidden();

  await calendar.booking(/^09:00/).click();
  await page.getByRole('dialog', { name: 'Booking' }).getByRole('button', { name: 'Open invoice' }).click();
  const invoice = new InvoiceDialog(page);
  await invoice.option('Send payment link…');
  const send = page.getByRole('dialog', { name: 'Send payment link' });
  await send.getByLabel('Amount').fill('300');
  await send.getByRole('button', { name: 'Send link' }).click();
  await expect(send).toBeHidden();
  await expect(invoice.dialog().getByTestId('payment-link')).toContainText('Link sent');
  return invoice;
}
