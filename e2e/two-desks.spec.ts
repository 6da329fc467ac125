/**
 * Two desks of one clinic on one machine, each started as `npm start` would start it:
 * the first hosts the clinic's sync server (embedded, PGlite), the second joins with
 * an enrolment code. One goes offline, both keep working, and when it is back both
 * show the same bookings and invoices, with the invoice number from the server. A payment
 * the server refuses (its recorder lost billing meanwhile) stays in Needs attention until the
 * admin accepts it again.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, freePort, openDesk, screenshot, startHostProcess, stopAllHosts, tempDir } from './support/desk.js';
import { OSLO_CLINIC, SetupPage } from './pages/setup-page.js';
import { ClientsPage } from './pages/clients-page.js';
import { CalendarPage } from './pages/calendar-page.js';
import { SettingsPage } from './pages/settings-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import { mainNav, syncNotices, syncState } from './pages/main-nav.js';
import { InvoiceDialog } from './pages/invoice-dialog.js';
import { CheckoutPage } from './pages/checkout-page.js';
import { NeedsAttentionPage } from './pages/needs-attention-page.js';

test.afterEach(stopAllHosts);

function dayInOslo(offsetDays: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + offsetDays * 86_400_000));
}

async function book(page: Page, date: string, time: string, client: string): Promise<void> {
  const calendar = new CalendarPage(page);
  await calendar.open();
  await calendar.newBooking(date, time);
  await calendar.chooseClient(client.split(' ')[0]!, client);
  await calendar.save();
  await expect(calendar.bookingDialog()).toBeHidden();
}

test('two desks sync through the embedded server, and catch up after one was offline', async () => {
  test.setTimeout(120_000);
  const serverPort = await freePort();
  const hostA = await startHostProcess({ port: await freePort(), dataDir: tempDir('desk-a'), args: ['--server-port', String(serverPort)] });
  const hostB = await startHostProcess({ port: await freePort(), dataDir: tempDir('desk-b') });
  const a = await openDesk(tempDir('profile-a'), hostA.url);
  const b = await openDesk(tempDir('profile-b'), hostB.url);

  // Desk A: a new clinic, hosting the sync server.
  await new SetupPage(a.page).setUpHostingSyncServer();
  await new ClientsPage(a.page).open();
  await new ClientsPage(a.page).create({ firstName: 'Ingrid', lastName: 'Berg', email: 'ingrid@example.com' });
  const settingsA = new SettingsPage(a.page);
  await settingsA.open();
  const code = await settingsA.createEnrollmentCode();
  await expectAccessible(a.page, 'sync settings');
  await screenshot(a.page, '30-sync-settings-code');

  // Desk B joins with the code and receives the clinic.
  const setupB = new SetupPage(b.page);
  await setupB.expectShown();
  await setupB.join(`http://127.0.0.1:${serverPort}`, code, 'Reception 2');
  // The clinic's staff arrive with their passwords' hashes: the admin signs in on the new desk.
  await new SignInPage(b.page).signIn(OSLO_CLINIC.practitioner);
  await expect(mainNav(b.page)).toContainText(OSLO_CLINIC.clinicName, { timeout: 20_000 });
  await expect(syncState(b.page)).toHaveText(/^Synced/);
  await screenshot(b.page, '31-desk-b-joined');

  // A booking on A appears on B by itself.
  const tomorrow = dayInOslo(1);
  await book(a.page, tomorrow, '09:00', 'Ingrid Berg');
  await new CalendarPage(b.page).open();
  await b.page.getByRole('button', { name: 'Day', exact: true }).click();
  await b.page.getByRole('button', { name: 'Next day' }).click();
  await expect(new CalendarPage(b.page).booking(/^09:00 ?–09:45 Ingrid Berg/)).toBeVisible({ timeout: 10_000 });

  // B goes offline; both keep working.
  await b.context.setOffline(true);
  await book(b.page, tomorrow, '11:00', 'Ingrid Berg');
  await expect(syncState(b.page)).toHaveText(/not reachable.*change/, { timeout: 15_000 });
  await screenshot(b.page, '32-desk-b-offline');
  await book(a.page, tomorrow, '13:00', 'Ingrid Berg');

  // B completes an invoice while offline: its number is pending until the server assigns one.
  const clientsB = new ClientsPage(b.page);
  await clientsB.open();
  const recordB = await clientsB.openClient('Berg, Ingrid');
  await recordB.openInvoicesTab();
  const invoiceB = await recordB.openInvoice(/Konsultasjon/);
  await invoiceB.getByRole('button', { name: 'Complete invoice' }).click();
  await expect(invoiceB.getByTestId('invoice-number')).toHaveText('Number pending');
  await screenshot(b.page, '33-number-pending');

  // Back online: the number arrives and both desks show the same three bookings.
  await b.context.setOffline(false);
  await expect(invoiceB.getByTestId('invoice-number')).toHaveText('1', { timeout: 20_000 });
  await invoiceB.getByRole('button', { name: 'Close' }).click();
  await expect(syncState(b.page)).toHaveText(/^Synced/, { timeout: 20_000 });
  for (const page of [a.page, b.page]) {
    const calendar = new CalendarPage(page);
    await calendar.open();
    await page.getByRole('button', { name: 'Day', exact: true }).click();
    await page.getByRole('button', { name: 'Today' }).click();
    await page.getByRole('button', { name: 'Next day' }).click();
    for (const time of ['09:00 ?–09:45', '11:00 ?–11:45', '13:00 ?–13:45']) {
      await expect(calendar.booking(new RegExp(`^${time} Ingrid Berg`))).toBeVisible({ timeout: 15_000 });
    }
    const clients = new ClientsPage(page);
    await clients.open();
    const record = await clients.openClient('Berg, Ingrid');
    await record.openInvoicesTab();
    await expect(record.list('Active').getByRole('button')).toHaveCount(3);
  }
  await screenshot(a.page, '34-desk-a-after-sync');
  await expectAccessible(b.page, 'invoices after sync');

  // ---- A refusal loses nothing. Berit (billing) takes cash on desk B while it is offline; on
  // desk A the admin meanwhile takes billing from her. The server refuses her payment as hers
  // (not as whoever is signed in when B reconnects); desk B keeps it in Needs attention, and
  // the admin accepts it again, signed as them (decision 0024).
  await settingsA.open();
  await settingsA.addStaff('Berit Billing', ['Billing']);
  await b.page.getByRole('button', { name: 'Switch user' }).click();
  await new SignInPage(b.page).signIn('Berit Billing');
  await expect(syncState(b.page)).toHaveText(/^Synced/, { timeout: 20_000 });
  await b.context.setOffline(true);
  await clientsB.open();
  const ledgerB = await clientsB.openClient('Berg, Ingrid');
  await ledgerB.openInvoicesTab();
  const unpaid = new InvoiceDialog(b.page);
  await ledgerB.openInvoice(/Unpaid/);
  await unpaid.takePayment();
  const checkoutB = new CheckoutPage(b.page);
  await checkoutB.expectShown();
  await checkoutB.pay(/Cash/, '100');
  await expect(checkoutB.confirmation()).toBeVisible();
  await checkoutB.done();
  const berit = await settingsA.startEditStaff('Berit Billing');
  await settingsA.setRoles(berit, ['Reception']);
  await berit.getByRole('button', { name: 'Save changes' }).click();
  await expect(berit).toBeHidden();
  await b.context.setOffline(false);
  const attention = new NeedsAttentionPage(b.page);
  // The payment and its log entry are one command: the server keeps neither (decision 0032).
  await expect(attention.statusLink()).toHaveText('2 refused changes need attention', { timeout: 20_000 });
  // The status bar names the refused command once, by its payment, with the server's reason (decision 0036).
  const notice = syncNotices(b.page);
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText(/^Payment of 100,00\s?kr \(Cash\) on invoice 1 for Ingrid Berg: Berit Billing does not have the billing permission, so the server did not take this payment\./);
  await expectAccessible(b.page, 'a refusal named in the status bar');
  await screenshot(b.page, '35a-refusal-in-status-bar');
  // Read: dismissed from the keyboard. Needs attention still lists it.
  await notice.getByRole('button', { name: 'Dismiss' }).focus();
  await b.page.keyboard.press('Enter');
  await expect(notice).toHaveCount(0);
  await expect(attention.statusLink()).toHaveText('2 refused changes need attention');
  await attention.open();
  const refused = attention.item(/Payment of 100,00\s?kr \(Cash\) on invoice 1 for Ingrid Berg/);
  await expect(refused).toContainText('Recorded by Berit Billing');
  await expect(refused).toContainText('Berit Billing does not have the billing permission, so the server did not take this payment.');
  await expect(refused).toContainText('Kept on this desk only');
  // Berit, now reception only, cannot vouch for it herself.
  await attention.acceptAgain(refused);
  await expect(refused.getByRole('alert')).toHaveText('This is already recorded as yours, and the sync server refused it as yours. Ask someone whose role allows it to accept it again.');
  await expectAccessible(b.page, 'needs attention');
  await screenshot(b.page, '35-needs-attention');
  await b.page.getByRole('button', { name: 'Switch user' }).click();
  await new SignInPage(b.page).signIn(OSLO_CLINIC.practitioner);
  await attention.open();
  await attention.acceptAgain(attention.item(/Payment of 100,00/));
  await attention.expectEmpty();
  await expect(attention.statusLink()).toHaveCount(0);
  await screenshot(b.page, '36-needs-attention-empty');
  // On desk A, the payment is in the ledger, as the admin's.
  const clientsA = new ClientsPage(a.page);
  await clientsA.open();
  const recordA = await clientsA.openClient('Berg, Ingrid');
  await recordA.openLedgerTab();
  await expect(recordA.ledgerRows().filter({ hasText: 'Payment, Cash (invoice 1)' })).toHaveCount(1, { timeout: 20_000 });
  expect(a.problems).toEqual([]);
  expect(b.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::ERR/.test(p))).toEqual([]);
  await a.context.close();
  await b.context.close();
});
