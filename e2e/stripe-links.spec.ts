/**
 * The same payment-link path against Stripe: an admin enters a
 * Stripe key and an email server in Settings → Connections, a part-payment link goes out
 * through the real Stripe SDK — pointed at the repo's Stripe test server, which checks
 * every request against what Stripe's API accepts — and by real SMTP to smtp-server in
 * this test. The client pays at Stripe; this standalone desk learns it from Stripe's
 * events, the open invoice turns part-paid by itself, and the clinic gets its "paid by
 * link" email. Cancelling the second link expires its Checkout Session at Stripe.
 * The host reaches the fake through FRONTDESK_STRIPE_API (test-only, loopback only).
 */
import { expect, test } from '@playwright/test';
import { FAKE_SECRET_KEY, startStripeFake } from '../server/test-support/stripe-fake/stripe-fake.js';
import { kr } from './support/money.js';
import { SMTP_PASSWORD, SMTP_USER, startSmtp } from './support/smtp.js';
import { expectAccessible, freePort, openDesk, screenshot, startHostProcess, stopAllHosts, stopWithHosts, tempDir } from './support/desk.js';
import { SetupPage } from './pages/setup-page.js';
import { CLINIC_THANK_YOU_PAGE, SettingsPage } from './pages/settings-page.js';
import { sendFirstLink } from './pages/first-link-flow.js';

test.afterEach(stopAllHosts);

test('a part-payment link through Stripe and SMTP is paid at Stripe; the invoice updates by itself and the clinic is told', async () => {
  test.setTimeout(180_000);
  const fake = stopWithHosts(await startStripeFake());
  const { port: smtpPort, mail } = stopWithHosts(await startSmtp());
  const host = await startHostProcess({
    port: await freePort(), dataDir: tempDir('stripe-data'),
    // The real minute tick: sending, the open-link polling and cancelling act at once, not on a tick.
    env: { FRONTDESK_STRIPE_API: fake.url },
  });
  const { page, problems } = await openDesk(tempDir('stripe-profile'), host.url);
  await new SetupPage(page).setUp();

  // ---- Connections: Stripe key, email server; the clinic wants to hear about link payments.
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.editInvoiceDetails({ 'Support email': 'post@fjordside.example' });
  await settings.connectStripeAndEmail(FAKE_SECRET_KEY, { host: '127.0.0.1', port: String(smtpPort), user: SMTP_USER, password: SMTP_PASSWORD, fromAddress: 'post@fjordside.example' });
  await settings.editPaymentSettings({ notifyClinic: true });
  const connections = settings.card('Connections');
  await expect(connections).toContainText('Stripe · Stripe key stored (test mode)');
  await expect(connections).toContainText(`127.0.0.1:${smtpPort} as post@fjordside.example`);
  // The key never comes back to the page.
  expect(await page.content()).not.toContain(FAKE_SECRET_KEY);
  await expectAccessible(page, 'settings with Stripe and SMTP');
  await screenshot(page, 'stripe-01-connections');

  // ---- A part-payment link for 300 by email.
  const invoice = await sendFirstLink(page);
  await invoice.expectTitle('Invoice 1');
  await expect(invoice.dialog().getByTestId('payment-link')).toContainText('Link sent');

  // Stripe got one Checkout Session for exactly 300,00 kr, with our ids only and an idempotency key.
  const created = fake.requests.filter((r) => r.method === 'POST' && r.url === '/v1/checkout/sessions');
  expect(created).toHaveLength(1);
  expect(created[0]!.status).toBe(200);
  expect(created[0]!.body).toContain('line_items[0][price_data][unit_amount]=30000');
  expect(created[0]!.body).toContain('line_items[0][price_data][currency]=nok');
  expect(created[0]!.headers['idempotency-key']).toBeTruthy();
  expect(decodeURIComponent(created[0]!.body)).not.toMatch(/Consultation|Astrid|Berg/);
  expect(fake.requests.filter((r) => r.status >= 400)).toEqual([]);

  // The client's email came by SMTP, with the Stripe Checkout link behind "Pay now".
  await expect.poll(() => mail.filter((m) => m.to && JSON.stringify(m.to).includes('ingrid.berg@example.com')).length).toBe(1);
  const request = mail.find((m) => JSON.stringify(m.to).includes('ingrid.berg@example.com'))!;
  expect(request.subject).toBe('Payment request from Fjordside Fysioterapi');
  const sessionId = /https:\/\/checkout\.stripe\.com\/c\/pay\/(cs_test_\w+)/.exec(request.text ?? '')?.[1];
  expect(sessionId).toBeTruthy();
  expect(request.html || '').toContain(`https://checkout.stripe.com/c/pay/${sessionId}`);
  // After paying, Stripe sends the client's phone to the clinic's public page, never this desk (decision 0026).
  const sessionCreate = fake.requests.find((r) => r.method === "POST" && r.url.startsWith("/v1/checkout/sessions") && r.status === 200);
  expect(sessionCreate?.params).toMatchObject({ success_url: CLINIC_THANK_YOU_PAGE, cancel_url: CLINIC_THANK_YOU_PAGE });

  // ---- The client pays at Stripe; the desk asks Stripe for events and the open invoice updates.
  fake.completeSession(sessionId!, 'paid');
  const paidAt = Date.now();
  await expect(invoice.state()).toHaveText('Part-paid', { timeout: 4_000 });
  console.log(`stripe-links: paid at Stripe → invoice part-paid on a standalone desk's screen in ${Date.now() - paidAt} ms`);
  await expect(invoice.balance()).toHaveText(kr('450,00'));
  await expect(invoice.dialog().getByTestId('payment-link')).toContainText('Paid');
  expect(fake.requests.some((r) => r.method === 'GET' && r.url.startsWith('/v1/events'))).toBe(true);
  await expectAccessible(page, 'invoice part-paid through Stripe');
  await screenshot(page, 'stripe-02-part-paid');

  // The clinic's own email: client, invoice and amount only.
  await expect.poll(() => mail.filter((m) => JSON.stringify(m.to).includes('post@fjordside.example')).length).toBe(1);
  const notice = mail.find((m) => JSON.stringify(m.to).includes('post@fjordside.example'))!;
  expect(notice.subject).toMatch(/^Paid by link: 300,00\skr, invoice 1$/);
  expect(notice.text).toMatch(/^Ingrid Berg paid 300,00\skr for invoice 1 by payment link\./);

  // ---- A second link for the rest, then cancelled: its Checkout Session is expired at Stripe.
  await invoice.option('Send payment link…');
  const send = page.getByRole('dialog', { name: 'Send payment link' });
  await expect(send.getByLabel('Amount')).toHaveValue('450,00');
  await send.getByRole('button', { name: 'Send link' }).click();
  await expect(send).toBeHidden();
  const open = invoice.dialog().getByTestId('payment-link').filter({ hasText: 'Link sent' });
  await expect(open).toContainText(/450,00\s*kr by email/);
  const second = fake.requests.filter((r) => r.method === 'POST' && r.url === '/v1/checkout/sessions');
  expect(second).toHaveLength(2);
  expect(second[1]!.body).toContain('line_items[0][price_data][unit_amount]=45000');
  await open.getByRole('button', { name: 'Cancel link' }).click();
  await expect(invoice.dialog().getByTestId('payment-link').filter({ hasText: 'Link sent' })).toHaveCount(0);
  await expect.poll(() => fake.requests.filter((r) => r.method === 'POST' && /^\/v1\/checkout\/sessions\/cs_test_\w+\/expire$/.test(r.url)).length, { timeout: 5_000 }).toBe(1);
  expect(fake.requests.filter((r) => r.status >= 400)).toEqual([]);
  await screenshot(page, 'stripe-03-cancelled');
  expect(problems).toEqual([]);
});
