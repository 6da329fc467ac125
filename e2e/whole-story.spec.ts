/**
 * One story across the whole product: desk A hosts the clinic's sync server and is set up
 * for Stripe and SMTP; the clinic bills on Automatic (a link right after booking). A booking
 * on A makes the scheduler send the link — a Checkout Session at the repo's Stripe test
 * server, the email by real SMTP. The client pays at Stripe; Stripe's signed webhook reaches
 * the sync server (POST /webhooks/stripe, STRIPE_WEBHOOK_SECRET); desk B, with the client's
 * invoice open, turns it Paid by itself; and the clinic's "paid by link" email arrives by
 * SMTP, naming client, invoice and amount only. Desk B has no Stripe key, so it sends
 * nothing itself (docs/decisions/0011, Credentials): its outbox stays empty.
 */
import { expect, test } from '@playwright/test';
import { FAKE_SECRET_KEY, FAKE_WEBHOOK_SECRET, startStripeFake } from '../server/test-support/stripe-fake/stripe-fake.js';
import { kr, todayInOslo } from './support/money.js';
import { SMTP_PASSWORD, SMTP_USER, startSmtp } from './support/smtp.js';
import { expectAccessible, freePort, openDesk, screenshot, startHostProcess, stopAllHosts, stopWithHosts, tempDir } from './support/desk.js';
import { OSLO_CLINIC, SetupPage } from './pages/setup-page.js';
import { SettingsPage } from './pages/settings-page.js';
import { ClientsPage } from './pages/clients-page.js';
import { CalendarPage } from './pages/calendar-page.js';
import { InvoiceDialog } from './pages/invoice-dialog.js';
import { OutboxPage } from './pages/outbox-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import { mainNav, syncState } from './pages/main-nav.js';

const CLIENT_EMAIL = 'ingrid.berg@example.com';
const CLINIC_EMAIL = 'post@fjordside.example';

test.afterEach(stopAllHosts);

test('an Automatic booking on one desk is paid by link at Stripe; the webhook turns the invoice Paid on the other desk and the clinic is emailed', async () => {
  test.setTimeout(120_000);
  const serverPort = await freePort();
  // Stripe posts each event to the clinic's sync server as it happens, signed for that endpoint.
  const fake = stopWithHosts(await startStripeFake({ webhook: { url: `http://127.0.0.1:${serverPort}/webhooks/stripe`, secret: FAKE_WEBHOOK_SECRET } }));
  const smtp = stopWithHosts(await startSmtp());
  // Both schedulers tick every second: B's would race A's for every job if it sent without a key.
  const tick = { FRONTDESK_SCHEDULER_SECONDS: '1' };
  const hostA = await startHostProcess({
    port: await freePort(), dataDir: tempDir('story-a'), args: ['--server-port', String(serverPort)],
    env: { ...tick, FRONTDESK_STRIPE_API: fake.url, STRIPE_WEBHOOK_SECRET: FAKE_WEBHOOK_SECRET },
  });
  const hostB = await startHostProcess({ port: await freePort(), dataDir: tempDir('story-b'), env: tick });
  const a = await openDesk(tempDir('story-profile-a'), hostA.url);
  const b = await openDesk(tempDir('story-profile-b'), hostB.url);

  // ---- Desk A: a new clinic hosting its sync server; Stripe, SMTP, Automatic, the clinic's notice.
  await new SetupPage(a.page).setUpHostingSyncServer();
  const settingsA = new SettingsPage(a.page);
  await settingsA.open();
  await settingsA.editInvoiceDetails({ 'Support email': CLINIC_EMAIL });
  await settingsA.connectStripeAndEmail(FAKE_SECRET_KEY, { host: '127.0.0.1', port: String(smtp.port), user: SMTP_USER, password: SMTP_PASSWORD, fromAddress: CLINIC_EMAIL });
  await settingsA.editBilling({ process: 'Automatic', sendLink: 'after booking' });
  await settingsA.editPaymentSettings({ notifyClinic: true });
  await expect(settingsA.card('Connections')).toContainText('Stripe · Stripe key stored (test mode)');
  await expectAccessible(a.page, 'desk A settings: Stripe, SMTP, Automatic');
  await screenshot(a.page, 'story-01-desk-a-settings');
  const code = await settingsA.createEnrollmentCode();
  await new ClientsPage(a.page).open();
  await new ClientsPage(a.page).create({ firstName: 'Ingrid', lastName: 'Berg', email: CLIENT_EMAIL });

  // ---- Desk B joins the clinic with the code.
  const setupB = new SetupPage(b.page);
  await setupB.expectShown();
  await setupB.join(`http://127.0.0.1:${serverPort}`, code, 'Reception 2');
  // The clinic's staff arrive with their passwords' hashes: the admin signs in on the new desk.
  await new SignInPage(b.page).signIn(OSLO_CLINIC.practitioner);
  await expect(mainNav(b.page)).toContainText(OSLO_CLINIC.clinicName, { timeout: 20_000 });
  await expect(syncState(b.page)).toHaveText(/^Synced/, { timeout: 20_000 });
  const settingsB = new SettingsPage(b.page);
  await settingsB.open();
  await expect(settingsB.card('Connections')).toContainText('This desk has no Stripe key, so it sends no payment links or messages');
  await expectAccessible(b.page, 'desk B settings without a Stripe key');
  await settingsB.card('Connections').scrollIntoViewIfNeeded();
  await screenshot(b.page, 'story-02-desk-b-connections');

  // ---- A books the client; on Automatic the scheduler sends the link right away.
  const calendarA = new CalendarPage(a.page);
  await calendarA.open();
  await calendarA.newBooking(todayInOslo(), '09:00');
  await calendarA.chooseClient('berg', 'Ingrid Berg');
  await calendarA.save();
  await expect(calendarA.bookingDialog()).toBeHidden();
  await expect.poll(() => smtp.to(CLIENT_EMAIL).length, { timeout: 20_000 }).toBe(1);
  const request = smtp.to(CLIENT_EMAIL)[0]!;
  expect(request.subject).toBe('Payment request from Fjordside Fysioterapi');
  const sessionId = /https:\/\/checkout\.stripe\.com\/c\/pay\/(cs_test_\w+)/.exec(request.text ?? '')?.[1];
  expect(sessionId).toBeTruthy();
  const created = fake.requests.filter((r) => r.method === 'POST' && r.url === '/v1/checkout/sessions');
  expect(created).toHaveLength(1);
  expect(created[0]!.body).toContain('line_items[0][price_data][unit_amount]=75000');

  // ---- B has the client's invoice open, the link sent, before the client pays.
  const clientsB = new ClientsPage(b.page);
  await clientsB.open();
  const recordB = await clientsB.openClient('Berg, Ingrid');
  await recordB.openInvoicesTab();
  await recordB.openInvoice(/Invoice 1:/);
  const invoiceB = new InvoiceDialog(b.page);
  await invoiceB.expectTitle('Invoice 1');
  await expect(invoiceB.paymentLinks()).toContainText('Link sent');
  await expect(invoiceB.paymentLinks()).toContainText(/750,00\s*kr by email/);
  await expect(invoiceB.balance()).toHaveText(kr('750,00'));
  await expectAccessible(b.page, 'desk B invoice with the link sent');
  await screenshot(b.page, 'story-03-desk-b-link-sent');

  // ---- The client pays at Stripe; the webhook goes to the sync server and B updates by itself.
  fake.completeSession(sessionId!, 'paid');
  const paidAt = Date.now();
  await expect(invoiceB.state()).toHaveText('Paid', { timeout: 15_000 });
  console.log(`whole-story: paid at Stripe → webhook → sync server → Paid on desk B's open invoice in ${Date.now() - paidAt} ms`);
  await expect(invoiceB.balance()).toHaveText(kr('0,00'));
  await expect(invoiceB.paymentLinks()).toContainText('Paid');
  expect(fake.deliveries).toEqual([{ eventId: fake.events[0]!.id, type: 'checkout.session.completed', status: 200 }]);
  await expectAccessible(b.page, 'desk B invoice paid by link');
  await screenshot(b.page, 'story-04-desk-b-paid');

  // ---- The clinic's own email, by SMTP: client, invoice and amount only.
  await expect.poll(() => smtp.to(CLINIC_EMAIL).length, { timeout: 20_000 }).toBe(1);
  const notice = smtp.to(CLINIC_EMAIL)[0]!;
  expect(notice.subject).toMatch(/^Paid by link: 750,00\skr, invoice 1$/);
  expect(notice.text).toMatch(/^Ingrid Berg paid 750,00\skr for invoice 1 by payment link\./);
  expect(`${notice.subject} ${notice.text} ${notice.html || ''}`).not.toMatch(new RegExp(`${OSLO_CLINIC.service}|Astrid|Solberg`));
  expect(smtp.mail).toHaveLength(2);

  // Every call to Stripe was accepted; desk B sent nothing of its own.
  expect(fake.requests.filter((r) => r.status >= 400)).toEqual([]);
  await invoiceB.close();
  const outboxB = new OutboxPage(b.page);
  await outboxB.open();
  await expect(outboxB.items()).toHaveCount(0);
  const calendarB = new CalendarPage(b.page);
  await calendarB.open();
  await screenshot(b.page, 'story-05-desk-b-calendar');
  await calendarA.openInvoiceOf(/^09:00/);
  const invoiceA = new InvoiceDialog(a.page);
  await expect(invoiceA.state()).toHaveText('Paid');
  await expectAccessible(a.page, 'desk A invoice paid by link');
  await screenshot(a.page, 'story-06-desk-a-paid');
  expect(a.problems).toEqual([]);
  expect(b.problems).toEqual([]);
  await a.context.close();
  await b.context.close();
});
