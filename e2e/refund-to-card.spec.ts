/**
 * Refund to card, as billing staff press it (twice, quickly): a client paid 300 by link, the
 * invoice was then credited in full, so the clinic holds 300 of their credit; from the Ledger,
 * *Refund to card* pays it back to the card once — one refund at the provider, one line in the
 * ledger, no credit left (issue 12 point 5, decision 0030). The sandbox provider here; the
 * Stripe path is electron/services/payments/refund-to-card.test.ts.
 */
import { expect, test } from '@playwright/test';
import { kr } from './support/money.js';
import { expectAccessible, freePort, openDesk, screenshot, startHostProcess, stopAllHosts, tempDir } from './support/desk.js';
import { SetupPage } from './pages/setup-page.js';
import { ClientsPage } from './pages/clients-page.js';
import { sendFirstLink } from './pages/first-link-flow.js';
import { OutboxPage, SandboxPayPage } from './pages/outbox-page.js';

test.afterEach(stopAllHosts);

test('Refund to card, even double-clicked, pays the credit back to the card once', async () => {
  test.setTimeout(120_000);
  const host = await startHostProcess({ port: await freePort(), dataDir: tempDir('refund-card-data') });
  const { page, context, problems } = await openDesk(tempDir('refund-card-profile'), host.url);
  await new SetupPage(page).setUp();
  const invoice = await sendFirstLink(page);
  await invoice.close();
  await page.getByRole('dialog', { name: 'Booking' }).getByRole('button', { name: 'Close' }).click();

  // The client pays the 300 link on their phone.
  const outbox = new OutboxPage(page);
  await outbox.open();
  const pay = new SandboxPayPage(await context.newPage());
  await pay.open((await outbox.linkOf(outbox.items().first()))!);
  await pay.pay('Pay now');
  await expect(pay.page.getByRole('heading', { name: 'Thank you' })).toBeVisible();

  // The invoice is credited in full: the 300 paid is now the client's credit.
  const clients = new ClientsPage(page);
  await clients.open();
  const record = await clients.openClient('Berg, Ingrid');
  await record.openInvoicesTab();
  await record.openInvoice(/Invoice 1:/);
  await expect(invoice.balance()).toHaveText(kr('450,00'), { timeout: 10_000 });
  await invoice.option('Credit note…');
  await invoice.creditLine(1, '750');
  await expect(invoice.dialog().getByText('Credited', { exact: true }).first()).toBeVisible();
  await invoice.close();

  await record.openLedgerTab();
  await expect(page.getByTestId('ledger-credit')).toHaveText(kr('300,00'));
  await page.getByRole('button', { name: 'Refund credit…' }).click();
  const form = page.getByRole('form', { name: 'Refund client credit' });
  await expect(form.getByLabel('Paid back by')).toHaveValue('card');
  await expect(form.getByLabel('Amount')).toHaveValue('300,00');
  await expectAccessible(page, 'refund to card form');
  await screenshot(page, 'refund-card-01-form');
  await form.getByRole('button', { name: 'Refund to card' }).dblclick();
  await expect(page.getByRole('status').filter({ hasText: 'Refunded' })).toHaveText(/^Refunded 300,00\skr to the card\.$/, { timeout: 10_000 });
  await expect(page.getByTestId('ledger-credit')).toHaveText(kr('0,00'));
  await expect(record.ledgerRows().filter({ hasText: 'Refund to card' })).toHaveCount(1);
  await screenshot(page, 'refund-card-02-refunded');

  // The invoice's log says who asked and that the provider confirmed it.
  await record.openInvoicesTab();
  await record.openInvoice(/Invoice 1:/, 'Settled');
  await invoice.openLog();
  await expect(invoice.dialog()).toContainText(/Refund to card of .*300,00.* asked by/);
  await expect(invoice.dialog()).toContainText('confirmed by the payment provider');
  expect(problems).toEqual([]);
});
