/**
 * Payment links with the sandbox provider: a part-payment link by email and
 * SMS from the POS, found in the outbox and paid on the sandbox page; the invoice
 * turns part-paid by itself; the rest by a second link from the POS, shown as a QR code,
 * "processing, then paid"; the checkout turns to Paid. Refusals: more than the balance,
 * a client with no email. axe and screenshots throughout.
 */
import { expect, test } from '@playwright/test';
import { kr, todayInOslo } from './support/money.js';
import { expectAccessible, freePort, openDesk, screenshot, startHostProcess, stopAllHosts, tempDir } from './support/desk.js';
import { SetupPage } from './pages/setup-page.js';
import { ClientsPage } from './pages/clients-page.js';
import { CalendarPage } from './pages/calendar-page.js';
import { InvoiceDialog } from './pages/invoice-dialog.js';
import { OutboxPage, SandboxPayPage } from './pages/outbox-page.js';
import { DaySheetPage } from './pages/day-sheet-page.js';
import { SettingsPage } from './pages/settings-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import { mainNav } from './pages/main-nav.js';

test.afterEach(stopAllHosts);


test('a part-payment link by email and SMS is paid on the sandbox page; the rest by QR code at the POS', async () => {
  test.setTimeout(180_000);
  const host = await startHostProcess({ port: await freePort(), dataDir: tempDir('links-data') });
  const { page, context, problems } = await openDesk(tempDir('links-profile'), host.url);
  await new SetupPage(page).setUp();
  // The receptionist at the desk sends the links; she has the billing permission for it.
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.addStaff('Rita Resepsjon', ['Reception', 'Billing']);
  await page.getByRole('button', { name: 'Switch user' }).click();
  await new SignInPage(page).signIn('Rita Resepsjon');

  const clients = new ClientsPage(page);
  await clients.open();
  await clients.create({ firstName: 'Ingrid', lastName: 'Berg', email: 'ingrid.berg@example.com', phone: '+47 412 34 567' });
  await clients.open();
  await clients.create({ firstName: 'Ola', lastName: 'Nordmann', phone: '+47 900 11 222' });

  const calendar = new CalendarPage(page);
  const today = todayInOslo();
  for (const [hour, search, name] of [['09:00', 'berg', 'Ingrid Berg'], ['11:00', 'nordmann', 'Ola Nordmann']] as const) {
    await calendar.open();
    await calendar.newBooking(today, hour);
    await calendar.chooseClient(search, name);
    await calendar.save();
    await expect(calendar.bookingDialog()).toBeHidden();
  }

  // ---- Refusals first: no email on file; more than the balance.
  await calendar.booking(/^11:00/).click();
  await page.getByRole('dialog', { name: 'Booking' }).getByRole('button', { name: 'Open invoice' }).click();
  const invoice = new InvoiceDialog(page);
  await invoice.option('Send payment link…');
  let send = page.getByRole('dialog', { name: 'Send payment link' });
  await expect(send).toBeVisible();
  await expectAccessible(page, 'send link dialog');
  // Only the channel the client can be reached on is offered ticked; staff tick email anyway.
  await expect(send.getByRole('checkbox', { name: /^SMS/ })).toBeChecked();
  await expect(send.getByRole('checkbox', { name: /^Email/ })).not.toBeChecked();
  await send.getByRole('checkbox', { name: /^Email/ }).check();
  await send.getByRole('button', { name: 'Send link' }).click();
  await expect(send.getByRole('alert')).toHaveText("The client has no email address. Add one to the client's details, or send by email.".replace('send by email', 'send by SMS'));
  await send.getByLabel('Amount').fill('900');
  await send.getByRole('checkbox', { name: /^Email/ }).uncheck();
  await send.getByRole('button', { name: 'Send link' }).click();
  await expect(send.getByRole('alert')).toContainText('A payment link can ask for at most the balance of 750,00');
  await screenshot(page, 'links-01-refused');
  await send.getByRole('button', { name: 'Cancel' }).click();
  await invoice.close();
  await page.getByRole('dialog', { name: 'Booking' }).getByRole('button', { name: 'Close' }).click();

  // ---- At the POS, a part-payment link for 300 by email and SMS: completes the draft and goes to the outbox.
  await calendar.booking(/^09:00/).click();
  await page.getByRole('dialog', { name: 'Booking' }).getByRole('button', { name: 'Open invoice' }).click();
  await invoice.takePayment();
  await expect(page.getByTestId('checkout-balance')).toHaveText(kr('750,00'));
  await page.getByRole('button', { name: 'Send payment link…' }).click();
  send = page.getByRole('dialog', { name: 'Send payment link' });
  await expect(send.getByText(/SMS to \+47 412 34 567 — 1 segment/)).toBeVisible();
  await send.getByLabel('Amount').fill('300');
  // A double click sends one link: one email and one SMS in the outbox below (decision 0025).
  await send.getByRole('button', { name: 'Send link' }).dblclick();
  await expect(send).toBeHidden();
  const link = page.getByTestId('payment-link');
  await expect(link).toContainText('Link sent');
  await expect(link).toContainText('by email and SMS');
  await expect(page.getByRole('heading', { name: /Invoice 1/ })).toBeVisible();
  await expectAccessible(page, 'checkout with a link sent');
  await screenshot(page, 'links-02-link-sent');
  // The client will pay later: leave the checkout.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('checkout-balance')).toBeHidden();
  for (const open of [page.getByRole('dialog', { name: 'Invoice 1' }), page.getByRole('dialog', { name: 'Booking' })]) {
    if (await open.isVisible()) await open.getByRole('button', { name: 'Close' }).first().click();
  }

  const outbox = new OutboxPage(page);
  await outbox.open();
  await expect(outbox.items()).toHaveCount(2);
  const email = outbox.item('Email', 'ingrid.berg@example.com');
  await expect(email).toContainText('Payment request from Fjordside Fysioterapi');
  await expect(outbox.item('SMS', '+4741234567')).toContainText('300,00 kr');
  await expectAccessible(page, 'outbox');
  await screenshot(page, 'links-03-outbox');
  const url = await outbox.linkOf(email);

  // ---- The client pays on the sandbox page; the invoice turns part-paid by itself.
  await clients.open();
  const record = await clients.openClient('Berg, Ingrid');
  await record.openInvoicesTab();
  await record.openInvoice(/Invoice 1:/);
  await expect(invoice.state()).toHaveText('Unpaid');
  const phone = new SandboxPayPage(await context.newPage());
  await phone.open(url);
  await expect(phone.amount()).toHaveText(kr('300,00'));
  await screenshot(phone.page, 'links-04-sandbox-page');
  await phone.pay('Pay now');
  await expect(phone.page.getByRole('heading', { name: 'Thank you' })).toBeVisible();
  await expect(invoice.state()).toHaveText('Part-paid', { timeout: 2_000 });
  await expect(invoice.balance()).toHaveText(kr('450,00'));
  await expect(invoice.dialog().getByTestId('payment-link')).toContainText('Paid');
  // Paid-link notifications go to admins and the treating practitioner, not to reception.
  await expect(mainNav(page).getByRole('button', { name: /Payments received/ })).toHaveCount(0);
  await invoice.openLog();
  await expect(invoice.dialog().getByRole('list', { name: 'Invoice log' })).toContainText(/Paid 300,00\s*kr by payment link; balance now 450,00\s*kr/);
  await expect(invoice.dialog().getByRole('list', { name: 'Invoice log' })).toContainText(/sent by email and SMS.*cost 0,07\s*kr excl\. VAT/);

  // ---- The rest from the POS: a second link asks only for what is left, shown as a QR code.
  await invoice.dialog().getByRole('tab', { name: 'Invoice' }).click();
  await invoice.takePayment();
  await expect(page.getByTestId('checkout-balance')).toHaveText(kr('450,00'));
  await page.getByRole('button', { name: 'Send payment link…' }).click();
  send = page.getByRole('dialog', { name: 'Send payment link' });
  await expect(send.getByLabel('Amount')).toHaveValue('450,00');
  await send.getByRole('checkbox', { name: /^Email/ }).uncheck();
  await send.getByRole('button', { name: 'Send link' }).click();
  await expect(send).toBeHidden();
  await page.getByRole('button', { name: 'Show QR code' }).click();
  await expect(page.getByTestId('qr-code')).toBeVisible();
  await expectAccessible(page, 'checkout with QR code');
  await screenshot(page, 'links-05-qr-code');
  const open = page.getByTestId('payment-link').filter({ hasText: 'Link sent' });
  await expect(open).toHaveCount(1);
  await expect(open).toContainText(/450,00\s*kr by SMS/);

  // ---- The client scans and pays; the payment processes, then succeeds; the POS turns to Paid by itself.
  const [popup] = await Promise.all([context.waitForEvent('page'), open.getByRole('button', { name: 'Go to payment link' }).click()]);
  const phone2 = new SandboxPayPage(popup);
  await expect(phone2.amount()).toHaveText(kr('450,00'));
  await phone2.pay('Processing, then paid');
  await expect(popup.getByRole('heading', { name: 'Payment processing' })).toBeVisible();
  await expect(page.getByTestId('payment-link').filter({ hasText: 'Payment processing' })).toBeVisible({ timeout: 2_000 });
  await expect(page.getByTestId('checkout-paid')).toBeVisible({ timeout: 4_000 });
  await expect(page.getByTestId('checkout-balance')).toHaveText(kr('0,00'));
  await expectAccessible(page, 'checkout paid by link');
  await screenshot(page, 'links-06-paid');

  // ---- The day sheet: three link messages went out today, all taken by link.
  await page.getByRole('button', { name: 'Done' }).click();
  const daySheet = new DaySheetPage(page);
  await daySheet.open();
  await expect(page.getByTestId('links-sent')).toHaveText('3');
  await expect(page.getByTestId('messages-not-delivered')).toHaveText('0');
  await expect(page.getByTestId('messages-cost')).toHaveText(kr('0,12'));
  await expectAccessible(page, 'day sheet with links sent');
  await screenshot(page, 'links-07-day-sheet');

  // ---- The admin (and treating practitioner) signs in and finds both link payments waiting.
  await page.getByRole('button', { name: 'Switch user' }).click();
  await new SignInPage(page).signIn('Astrid Solberg');
  await expect(mainNav(page).getByRole('button', { name: /Payments received\s*2 new/ })).toBeVisible();

  // ---- Settings: this month's message costs (2 emails à 0,02 would be 0,04; here 1 email + 2 SMS = 0,12 + 25 % VAT).
  await mainNav(page).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('message-costs-total')).toHaveText(kr('0,15'));
  await expectAccessible(page, 'settings with message costs');
  expect(problems).toEqual([]);
});
