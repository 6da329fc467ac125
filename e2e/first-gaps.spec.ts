/**
 * The first things a new receptionist tries: correct a client's details (checked as a new
 * client is, and logged); book from the keyboard with N (focus in the first field, kept in
 * the dialog after choosing the client); a mistyped year refused, yesterday's visit
 * recorded with a note; a part typed on the checkout's calculator sent as a payment link,
 * and the amount following the balance once it is paid; the link's state in the client's
 * invoice list. axe and screenshots throughout.
 */
import { expect, test } from '@playwright/test';
import { kr, todayInOslo } from './support/money.js';
import { expectAccessible, freePort, openDesk, screenshot, startHostProcess, stopAllHosts, tempDir } from './support/desk.js';
import { SetupPage } from './pages/setup-page.js';
import { ClientRecordPage, ClientsPage } from './pages/clients-page.js';
import { CalendarPage } from './pages/calendar-page.js';
import { CheckoutPage } from './pages/checkout-page.js';
import { InvoiceDialog } from './pages/invoice-dialog.js';
import { SandboxPayPage } from './pages/outbox-page.js';

test.afterEach(stopAllHosts);

const dayBefore = (date: string): string => new Date(Date.parse(`${date}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

test('edit a client, book by keyboard, refuse 1900, record yesterday, send the typed part as a link, see it in the list', async () => {
  test.setTimeout(120_000);
  const host = await startHostProcess({ port: await freePort(), dataDir: tempDir('gaps-data') });
  const { page, context, problems } = await openDesk(tempDir('gaps-profile'), host.url);
  await new SetupPage(page).setUp();

  // ---- A client added in a hurry, without email; then corrected from the Details tab.
  const clients = new ClientsPage(page);
  await clients.open();
  await clients.create({ firstName: 'Ingrid', lastName: 'Berg' });
  // Creating opens the new client's record.
  const client = new ClientRecordPage(page);
  await client.startEdit();
  await expect(client.editDialog().getByLabel('First name')).toBeFocused();
  await expect(client.editDialog().getByLabel('First name')).toHaveValue('Ingrid');
  // The same check as creating: a broken email is refused on its field and nothing changes.
  await client.fillEdit({ email: 'ingrid@' });
  await client.saveEdit();
  await expect(client.editDialog().getByText(/"ingrid@" is not a valid email address/)).toBeVisible();
  await expect(client.editDialog().getByLabel('Email')).toBeFocused();
  await expectAccessible(page, 'edit client refused');
  await client.fillEdit({ firstName: 'Ingrid Marie', email: 'ingrid.berg@example.com', phone: '+47 412 34 567', address: 'Storgata 1, 0155 Oslo', dateOfBirth: '1984-03-27' });
  await screenshot(page, 'gaps-01-edit-client');
  await client.saveEdit();
  await expect(client.editDialog()).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Ingrid Marie Berg', level: 1 })).toBeVisible();
  await expect(client.details()).toContainText('ingrid.berg@example.com');
  await expect(client.details()).toContainText('+47 412 34 567');
  await expect(client.details()).toContainText('Storgata 1, 0155 Oslo');
  await expect(client.details()).toContainText('27 Mar 1984');
  await expect(client.log()).toContainText("Changed Ingrid Berg's details: name: Ingrid Berg → Ingrid Marie Berg; email: (empty) → ingrid.berg@example.com; mobile phone: (empty) → +47 412 34 567; address; date of birth");
  await expect(client.log()).toContainText('Astrid Solberg');
  await expectAccessible(page, 'client details with log');
  await screenshot(page, 'gaps-02-client-details-log');

  // ---- N opens the booking dialog with focus in the client search; typing and Enter choose a client.
  const calendar = new CalendarPage(page);
  await calendar.open();
  await calendar.pressNewBooking();
  const dialog = calendar.bookingDialog();
  await expect(dialog.getByRole('combobox', { name: 'Client' })).toBeFocused();
  await page.keyboard.type('berg');
  await expect(dialog.getByRole('option', { name: /Ingrid Marie Berg/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('chosen-client')).toHaveText('Ingrid Marie Berg');
  // Focus goes on to the service, inside the dialog.
  await expect(dialog.getByLabel('Service')).toBeFocused();
  await expectAccessible(page, 'booking dialog after choosing a client');

  // ---- 1 January 1900 is refused with the window; nothing is booked.
  await dialog.getByLabel('Date').fill('1900-01-01');
  await calendar.save();
  await expect(dialog.getByText(/^1 Jan 1900 is too far back: a booking can be from .+ to .+\. Check the date\.$/)).toBeVisible();
  await expect(dialog.getByLabel('Date')).toBeFocused();
  await screenshot(page, 'gaps-03-booking-1900-refused');

  // ---- Yesterday's visit is recorded, with a note that the day is past.
  const yesterday = dayBefore(todayInOslo());
  await dialog.getByLabel('Date').fill(yesterday);
  await dialog.getByLabel('Start time').fill('10:00');
  await expect(dialog.getByTestId('past-booking')).toHaveText(/This day is in the past/);
  await expectAccessible(page, 'booking in the past');
  await screenshot(page, 'gaps-04-booking-yesterday');
  await calendar.save();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.toast')).toHaveText('Booked. A draft invoice was created.');

  // ---- At the checkout: 300 on the calculator, then Send payment link offers 300.
  await clients.open();
  await clients.openClient('Berg, Ingrid Marie');
  await client.openInvoicesTab();
  await client.openInvoice(/Konsultasjon/);
  const invoice = new InvoiceDialog(page);
  await invoice.takePayment();
  const checkout = new CheckoutPage(page);
  await expect(checkout.balance()).toHaveText(kr('750,00'));
  await checkout.calculate('300');
  await expect(checkout.amount()).toHaveValue('300');
  await page.getByRole('button', { name: 'Send payment link…' }).click();
  const send = page.getByRole('dialog', { name: 'Send payment link' });
  await expect(send.getByLabel('Amount')).toHaveValue('300');
  await expect(send.getByLabel('Amount')).toBeFocused();
  await send.getByRole('button', { name: 'Send link' }).click();
  await expect(send).toBeHidden();
  const link = page.getByTestId('payment-link').filter({ hasText: 'Link sent' });
  await expect(link).toContainText(/300,00\s*kr/);
  await expect(checkout.amount()).toHaveValue('300');
  await expect(checkout.amountHint()).toHaveText(/^The balance is 750,00\s*kr/);

  // ---- The client pays the link; the balance and the amount follow.
  const [popup] = await Promise.all([context.waitForEvent('page'), link.getByRole('button', { name: 'Go to payment link' }).click()]);
  const phone = new SandboxPayPage(popup);
  await expect(phone.amount()).toHaveText(kr('300,00'));
  await phone.pay('Pay now');
  await expect(checkout.balance()).toHaveText(kr('450,00'), { timeout: 4_000 });
  await expect(checkout.amount()).toHaveValue('450,00');
  await expect(checkout.amountHint()).toHaveText('The full balance is filled in; type a smaller amount for a part payment.');
  await expectAccessible(page, 'checkout after the link was paid');
  await screenshot(page, 'gaps-05-checkout-after-link');
  await popup.close();

  // ---- A link for the rest; the client's invoice list shows it is out.
  await page.getByRole('button', { name: 'Send payment link…' }).click();
  await expect(send.getByLabel('Amount')).toHaveValue('450,00');
  await send.getByRole('button', { name: 'Send link' }).click();
  await expect(send).toBeHidden();
  await page.getByRole('link', { name: 'Client’s invoices' }).click();
  const row = client.list('Active').getByRole('button', { name: /Konsultasjon/ });
  await expect(row.getByTestId('row-link')).toHaveText(/^Payment link\s*Link sent$/);
  await expectAccessible(page, 'invoice list with a link sent');
  await screenshot(page, 'gaps-06-invoice-list-link-sent');
  expect(problems).toEqual([]);
});
