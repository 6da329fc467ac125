/**
 * The scheduler on a moved clock: in Automatic mode the payment link goes out
 * 15 minutes after the appointment ends — not before — and after the due date a reminder
 * follows, each once, in the outbox and the invoice log. The host's clock is moved
 * through FRONTDESK_CLOCK_FILE and its scheduler ticks every second (test-only settings
 * of the browser host).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { todayInOslo } from './support/money.js';
import { formatLocalDay } from '../shared/domain/time.js';
import { expectAccessible, freePort, openDesk, screenshot, startHostProcess, stopAllHosts, tempDir } from './support/desk.js';
import { SetupPage } from './pages/setup-page.js';
import { ClientsPage } from './pages/clients-page.js';
import { CalendarPage } from './pages/calendar-page.js';
import { SettingsPage } from './pages/settings-page.js';
import { InvoiceDialog } from './pages/invoice-dialog.js';
import { OutboxPage } from './pages/outbox-page.js';

test.afterEach(stopAllHosts);

/** An Oslo wall time on a day, as a UTC instant (November: UTC+1; the test day is today). */
function osloInstant(day: string, hhmm: string): number {
  const probe = new Date(`${day}T12:00:00Z`);
  const offset = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hour: '2-digit', hourCycle: 'h23' }).format(probe)) - 12;
  return Date.parse(`${day}T${hhmm}:00Z`) - offset * 3_600_000;
}

test('Automatic mode sends the link 15 minutes after the appointment, and a reminder follows after the due date', async () => {
  test.setTimeout(180_000);
  const dataDir = tempDir('auto-data');
  const clockFile = path.join(dataDir, 'clock-offset');
  const setClock = (instant: number) => fs.writeFileSync(clockFile, String(instant - Date.now()));
  const today = todayInOslo();
  // The host starts the morning before the appointment.
  setClock(osloInstant(today, '05:00'));
  const host = await startHostProcess({ port: await freePort(), dataDir, env: { FRONTDESK_CLOCK_FILE: clockFile, FRONTDESK_SCHEDULER_SECONDS: '1' } });
  const { page, problems } = await openDesk(tempDir('auto-profile'), host.url);
  await new SetupPage(page).setUp();

  const settings = new SettingsPage(page);
  await settings.open();
  await settings.editBilling({ process: 'Automatic', sendLink: 15 });
  await settings.editPaymentSettings({ reminderFee: '70' });
  const clients = new ClientsPage(page);
  await clients.open();
  await clients.create({ firstName: 'Ingrid', lastName: 'Berg', email: 'ingrid.berg@example.com' });

  // 06:00–06:45 today: the link is due at 07:00.
  const calendar = new CalendarPage(page);
  await calendar.open();
  await calendar.newBooking(today, '06:00');
  await calendar.chooseClient('berg', 'Ingrid Berg');
  await calendar.save();
  await expect(calendar.bookingDialog()).toBeHidden();

  setClock(osloInstant(today, '06:59'));
  await page.waitForTimeout(2500);
  await calendar.booking(/^06:00/).click();
  await page.getByRole('dialog', { name: 'Booking' }).getByRole('button', { name: 'Open invoice' }).click();
  const invoice = new InvoiceDialog(page);
  await expect(invoice.dialog().getByTestId('payment-link')).toContainText('Scheduled');
  await expect(invoice.dialog().getByTestId('payment-link')).toContainText('The balance by email');
  await screenshot(page, 'auto-01-scheduled');

  setClock(osloInstant(today, '07:00') + 5_000);
  await expect(invoice.dialog().getByTestId('payment-link')).toContainText('Link sent', { timeout: 10_000 });
  await expect(invoice.dialog().getByTestId('payment-link')).toContainText(/750,00\s*kr by email/);
  await invoice.expectTitle('Invoice 1');
  await expectAccessible(page, 'automatic link sent');
  await screenshot(page, 'auto-02-sent');
  await invoice.close();
  await page.getByRole('dialog', { name: 'Booking' }).getByRole('button', { name: 'Close' }).click();

  // Due 14 days after the invoice date; a reminder 7 days after that.
  const due = new Date(Date.parse(`${today}T12:00:00Z`) + 21 * 86_400_000).toISOString().slice(0, 10);
  setClock(osloInstant(due, '09:00'));
  const outbox = new OutboxPage(page);
  await outbox.open();
  await expect(outbox.items().filter({ hasText: 'Payment reminder from Fjordside Fysioterapi' })).toHaveCount(1, { timeout: 15_000 });
  await expect(outbox.items()).toHaveCount(2);
  await page.waitForTimeout(3000);
  await outbox.page.getByRole('button', { name: 'Refresh' }).click();
  await expect(outbox.items()).toHaveCount(2);
  await screenshot(page, 'auto-03-reminder-outbox');

  await clients.open();
  const record = await clients.openClient('Berg, Ingrid');
  await record.openInvoicesTab();
  await record.openInvoice(/Invoice 1:/);
  await expect(invoice.dialog().getByTestId('payment-link').filter({ hasText: 'Reminder' })).toContainText(/750,00\s*kr by email/);
  await invoice.openLog();
  await expect(invoice.dialog().getByRole('list', { name: 'Invoice log' })).toContainText(/Reminder due \(750,00\s*kr\)/);
  await expect(invoice.dialog().getByRole('list', { name: 'Invoice log' })).toContainText(/Reminder for 750,00\s*kr sent by email/);
  await expectAccessible(page, 'invoice with a reminder');
  await screenshot(page, 'auto-04-reminder-log');

  // 14 days on (28 after the due date): the second reminder carries the 70 kr fee, the
  // invoice owes it and the reminder's link asks for it.
  await invoice.dialog().getByRole('tab', { name: 'Invoice' }).click();
  const second = new Date(Date.parse(`${due}T12:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
  setClock(osloInstant(second, '09:00'));
  await expect(invoice.dialog().getByTestId('payment-link').filter({ hasText: 'Second reminder' })).toContainText(/820,00\s*kr by email, sent /, { timeout: 15_000 });
  await expect(invoice.dialog().getByTestId('invoice-fees')).toHaveText(/70,00\s*kr/);
  await expect(invoice.balance()).toHaveText(/820,00\s*kr/);
  await invoice.openLog();
  await expect(invoice.dialog().getByRole('list', { name: 'Invoice log' })).toContainText(/Reminder fee of 70,00\s*kr charged with the second reminder/);
  await expectAccessible(page, 'invoice with a reminder fee');
  await screenshot(page, 'auto-05-reminder-fee');

  // 14 days on: the final notice (inkassovarsel) names a date 14 days ahead and says collection
  // follows; the day after that date the invoice is ready for debt collection (decision 0027).
  await invoice.dialog().getByRole('tab', { name: 'Invoice' }).click();
  const final = addDays(second, 14);
  setClock(osloInstant(final, '09:00'));
  // Sent, not only scheduled: the next step counts from the day it went out, so the clock moves on only then.
  await expect(invoice.dialog().getByTestId('payment-link').filter({ hasText: 'Final notice' })).toContainText(/by email, sent /, { timeout: 15_000 });
  setClock(osloInstant(addDays(final, 15), '09:00'));
  await expect(invoice.state()).toHaveText('Ready for debt collection', { timeout: 15_000 });
  const marker = invoice.dialog().getByTestId('payment-link').filter({ hasText: 'Ready for debt collection' });
  await expect(marker).toContainText('owed; no message');
  // A step that went by no channel has nothing to send again and no link to cancel.
  await expect(marker.getByRole('button')).toHaveCount(0);
  await expectAccessible(page, 'invoice ready for debt collection');
  await screenshot(page, 'auto-06-ready-for-collection');
  await invoice.close();
  await outbox.open();
  const notice = outbox.items().filter({ hasText: 'Final notice from Fjordside Fysioterapi' });
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText(`If it is not paid by ${formatLocalDay(addDays(final, 14), 'en-NO')}, it will be sent to debt collection.`);
  // The first reminder's deadline was its own, ahead of the day it went — not the invoice's past due date.
  await expect(outbox.items().filter({ hasText: 'Payment reminder from Fjordside Fysioterapi' }).filter({ hasText: `by ${formatLocalDay(addDays(due, 13), 'en-NO')}` })).toHaveCount(1);
  expect(problems).toEqual([]);
});

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
