/**
 * Resend, as a receptionist would press it (twice, quickly): one new link, one new email; the
 * first email's link is retired before the new one goes, so it takes nothing and says it was
 * replaced; the new link takes the money (decisions 0025, 0028).
 */
import { expect, test } from '@playwright/test';
import { kr } from './support/money.js';
import { expectAccessible, freePort, openDesk, screenshot, startHostProcess, stopAllHosts, tempDir } from './support/desk.js';
import { SetupPage } from './pages/setup-page.js';
import { ClientsPage } from './pages/clients-page.js';
import { sendFirstLink } from './pages/first-link-flow.js';
import { OutboxPage, SandboxPayPage } from './pages/outbox-page.js';

test.afterEach(stopAllHosts);

test('Resend, even double-clicked, replaces the link once; the old link takes nothing, the new one is paid', async () => {
  test.setTimeout(120_000);
  const host = await startHostProcess({ port: await freePort(), dataDir: tempDir('resend-data') });
  const { page, context, problems } = await openDesk(tempDir('resend-profile'), host.url);
  await new SetupPage(page).setUp();
  // A part-payment link for 300 by email.
  const invoice = await sendFirstLink(page);

  // Resend, double-clicked: one new link.
  await invoice.dialog().getByTestId('payment-link').getByRole('button', { name: 'Resend' }).dblclick();
  await expect(invoice.dialog().getByTestId('payment-link').filter({ hasText: 'Replaced by a newer link' })).toHaveCount(1, { timeout: 10_000 });
  await expect(invoice.dialog().getByTestId('payment-link').filter({ hasText: 'Link sent' })).toHaveCount(1);
  await expectAccessible(page, 'invoice after a resend');
  await screenshot(page, 'resend-01-replaced');
  await invoice.close();
  await page.getByRole('dialog', { name: 'Booking' }).getByRole('button', { name: 'Close' }).click();

  const outbox = new OutboxPage(page);
  await outbox.open();
  await expect(outbox.items()).toHaveCount(2);
  const [newer, older] = await Promise.all([outbox.linkOf(outbox.items().nth(0)), outbox.linkOf(outbox.items().nth(1))]);
  expect(newer).not.toBe(older);

  // The client opens both emails. Whichever came first: one link takes the money, the other nothing.
  const pages = await Promise.all([context.newPage(), context.newPage()]);
  const [a, b] = pages.map((p) => new SandboxPayPage(p));
  await a!.open(older!);
  await b!.open(newer!);
  const headings = await Promise.all([a!, b!].map((p) => p.page.getByRole('heading', { level: 1 }).textContent()));
  expect([...headings].sort()).toEqual(['Pay', 'This link was replaced']);
  const live = headings[0] === 'Pay' ? a! : b!;
  const old = live === a ? b! : a!;
  await expect(old.page.getByRole('button', { name: 'Pay now' })).toHaveCount(0);
  await screenshot(old.page, 'resend-02-old-link-replaced');
  await live.pay('Pay now');
  await expect(live.page.getByRole('heading', { name: 'Thank you' })).toBeVisible();

  const clients = new ClientsPage(page);
  await clients.open();
  const record = await clients.openClient('Berg, Ingrid');
  await record.openInvoicesTab();
  await record.openInvoice(/Invoice 1:/);
  await expect(invoice.state()).toHaveText('Part-paid', { timeout: 5_000 });
  await expect(invoice.balance()).toHaveText(kr('450,00'));
  expect(problems).toEqual([]);
});
