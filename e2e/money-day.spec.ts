/**
 * A day of money at the desk: book → draft → edit a line → complete → part
 * payment in cash (keyboard only, change due) → the rest by card terminal → paid and
 * Settled → the ledger agrees to the øre; a credit note; a void; an overpayment refused.
 * axe and a screenshot on every screen.
 */
import { expect, test } from '@playwright/test';
import { kr, todayInOslo } from './support/money.js';
import { expectAccessible, freePort, openDesk, screenshot, startHostProcess, stopAllHosts, tempDir } from './support/desk.js';
import { SetupPage } from './pages/setup-page.js';
import { ClientsPage } from './pages/clients-page.js';
import { CalendarPage } from './pages/calendar-page.js';
import { InvoiceDialog } from './pages/invoice-dialog.js';
import { CheckoutPage } from './pages/checkout-page.js';
import { SettingsPage } from './pages/settings-page.js';
import { DaySheetPage } from './pages/day-sheet-page.js';
import { PrintPage } from './pages/print-page.js';
import { SignInPage } from './pages/sign-in-page.js';

test.afterEach(stopAllHosts);


test('a whole day of money: part and full payments, a credit note, a void, and the ledger agrees', async () => {
  test.setTimeout(180_000);
  const host = await startHostProcess({ port: await freePort(), dataDir: tempDir('money-data') });
  const { page, problems } = await openDesk(tempDir('money-profile'), host.url);
  await new SetupPage(page).setUp();

  // The clinic's invoice details, printed on every invoice.
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.editInvoiceDetails({ 'Organisation number': '912 345 678 MVA', Address: 'Strandgata 1, 5013 Bergen', 'Bank account': '1503 12 34567' });

  const clients = new ClientsPage(page);
  await clients.open();
  await clients.create({ firstName: 'Ingrid', lastName: 'Berg', email: 'ingrid.berg@example.com', phone: '+47 412 34 567', address: 'Strandgata 5, 5013 Bergen' });

  const calendar = new CalendarPage(page);
  const today = todayInOslo();
  const book = async (hour: number) => {
    await calendar.open();
    await calendar.newBooking(today, `${String(hour).padStart(2, '0')}:00`);
    await calendar.chooseClient('berg', 'Ingrid Berg');
    await calendar.save();
    await expect(calendar.bookingDialog()).toBeHidden();
  };
  const closeBooking = async () => {
    const d = page.getByRole('dialog', { name: 'Booking' });
    await d.getByRole('button', { name: 'Close' }).click();
    await expect(d).toBeHidden();
  };
  const openInvoiceOf = async (hour: number) => {
    await calendar.booking(new RegExp(`^${String(hour).padStart(2, '0')}:00`)).click();
    await page.getByRole('dialog', { name: 'Booking' }).getByRole('button', { name: 'Open invoice' }).click();
  };

  // ---- Book → draft → edit a line → complete.
  await book(9);
  await openInvoiceOf(9);
  const invoice = new InvoiceDialog(page);
  await invoice.expectTitle('Draft invoice');
  await expect(invoice.dialog().getByTestId('preview-label')).toHaveText('Preview');
  await expect(invoice.total()).toHaveText(kr('750,00'));
  await invoice.editLines();
  await invoice.line(1, 'discount percent').fill('10');
  await invoice.addLine({ description: 'Kinesiotape', quantity: '2', price: '45,50' });
  await invoice.dialog().getByLabel('Line 2 VAT rate').selectOption({ label: '25 %' });
  await expect(invoice.dialog().getByTestId('editor-total')).toHaveText(kr('766,00'));
  await expectAccessible(page, 'line editor');
  await screenshot(page, 'money-01-line-editor');
  await invoice.saveLines();
  await expect(invoice.total()).toHaveText(kr('766,00'));
  await expect(invoice.dialog().getByText('VAT 25 % of 72,80 kr excl. VAT')).toBeVisible();
  await invoice.complete();
  await invoice.expectTitle('Invoice 1');
  await expect(invoice.dialog().getByTestId('preview-label')).toHaveCount(0);
  await expect(invoice.state()).toHaveText('Unpaid');
  await expectAccessible(page, 'completed invoice');
  await screenshot(page, 'money-02-invoice-completed');

  // ---- A completed invoice cannot be edited: no editor is offered.
  await expect(invoice.dialog().getByRole('button', { name: 'Edit lines' })).toHaveCount(0);

  // ---- Part payment in cash, by keyboard only, with change due.
  await invoice.takePayment();
  const checkout = new CheckoutPage(page);
  await checkout.expectShown();
  await expect(checkout.balance()).toHaveText(kr('766,00'));
  await expect(checkout.amount()).toHaveValue('766,00');
  await expectAccessible(page, 'checkout');
  await screenshot(page, 'money-03-checkout');
  await checkout.payCashByKeyboard('500', '600');
  await expect(checkout.confirmation()).toBeVisible();
  await expect(page.getByTestId('change-due')).toHaveText(kr('100,00'));
  await expect(page.getByTestId('new-balance')).toHaveText(kr('266,00'));
  await expect(checkout.balance()).toHaveText(kr('266,00'));
  await expectAccessible(page, 'payment taken');
  await screenshot(page, 'money-04-cash-taken');

  // ---- A payment above the balance is refused (credit not chosen); nothing is taken.
  await page.getByRole('button', { name: 'Take another payment' }).click();
  await checkout.pay(/Card terminal/, '300');
  await expect(page.getByRole('alert')).toContainText('is more than the balance of 266,00');
  await expect(checkout.balance()).toHaveText(kr('266,00'));
  await screenshot(page, 'money-05-overpayment-refused');

  // ---- The rest by card terminal.
  await checkout.pay(/Card terminal/, '266');
  await expect(page.getByTestId('new-balance')).toHaveText(kr('0,00'));
  await checkout.done();

  // ---- Paid, and Settled in the client's invoices; the ledger agrees.
  await clients.open();
  const record = await clients.openClient('Berg, Ingrid');
  await record.openInvoicesTab();
  await expect(record.list('Settled').getByRole('button', { name: /Invoice 1: Konsultasjon.*Paid/ })).toBeVisible();
  await expect(record.list('Active').getByText('No active invoices.')).toBeVisible();
  await record.openLedgerTab();
  await expect(page.getByTestId('ledger-balance')).toHaveText(kr('0,00'));
  await expect(record.ledgerRows()).toHaveCount(3);
  await expect(record.ledgerRows().nth(0)).toContainText(/Invoice 1.*766,00\s*kr.*766,00\s*kr/);
  await expect(record.ledgerRows().nth(1)).toContainText(/Payment, Cash.*[−-]500,00\s*kr.*266,00\s*kr/);
  await expect(record.ledgerRows().nth(2)).toContainText(/Payment, Card terminal.*[−-]266,00\s*kr.*0,00\s*kr/);
  await expectAccessible(page, 'ledger');
  await screenshot(page, 'money-06-ledger');

  // ---- A credit note on a second invoice, and a void of a third.
  await book(11);
  await openInvoiceOf(11);
  await invoice.complete();
  await invoice.expectTitle('Invoice 2');
  await invoice.option('Credit note…');
  await expectAccessible(page, 'credit note form');
  await invoice.creditLine(1, '800');
  await expect(invoice.dialog().getByRole('alert')).toContainText("is more than the line's 750,00");
  await invoice.creditLine(1, '250');
  await invoice.expectTitle('Credit note 3');
  await expect(invoice.total()).toHaveText(kr('250,00'));
  await screenshot(page, 'money-07-credit-note');
  await invoice.close();
  await closeBooking();

  await book(13);
  await openInvoiceOf(13);
  await invoice.complete();
  await invoice.expectTitle('Invoice 4');
  await invoice.option('Void invoice…');
  await invoice.dialog().getByRole('button', { name: 'Void invoice' }).click();
  await expect(invoice.state()).toHaveText('Void');
  await invoice.openLog();
  await expect(invoice.dialog().getByRole('list', { name: 'Invoice log' })).toContainText('Voided invoice 4');
  await expectAccessible(page, 'invoice log');
  await screenshot(page, 'money-08-void-log');
  await invoice.close();
  await closeBooking();

  await clients.open();
  await clients.openClient('Berg, Ingrid');
  await record.openLedgerTab();
  // 766 − 500 − 266 + 750 − 250 + 750 − 750 = 500
  await expect(page.getByTestId('ledger-balance')).toHaveText(kr('500,00'));
  await expect(page.getByTestId('ledger-outstanding')).toHaveText(kr('500,00'));
  await expect(record.ledgerRows().filter({ hasText: 'Credit note 3 for invoice 2' })).toContainText(/[−-]250,00/);
  await expect(record.ledgerRows().filter({ hasText: 'Invoice 4 voided' })).toContainText(/[−-]750,00/);
  await screenshot(page, 'money-09-ledger-after');

  // ---- The day sheet agrees with the ledger.
  const daySheet = new DaySheetPage(page);
  await daySheet.open();
  await expect(daySheet.takings('cash')).toHaveText(kr('500,00'));
  await expect(daySheet.takings('card_terminal')).toHaveText(kr('266,00'));
  await expect(daySheet.takingsTotal()).toHaveText(kr('766,00'));
  await expect(daySheet.documents('invoices-completed').count).toHaveText('3');
  await expect(daySheet.documents('invoices-completed').total).toHaveText(kr('2 266,00'));
  await expect(daySheet.documents('credit-notes').total).toHaveText(kr('250,00'));
  await expect(daySheet.documents('voided').total).toHaveText(kr('750,00'));
  await expect(daySheet.outstanding().total).toHaveText(kr('500,00'));
  await expectAccessible(page, 'day sheet');
  await screenshot(page, 'money-10-day-sheet');

  // ---- The printed invoice (PDF) carries what a Norwegian invoice must, to the øre.
  await clients.open();
  await clients.openClient('Berg, Ingrid');
  await record.openInvoicesTab();
  await record.openInvoice(/Invoice 1:/, 'Settled');
  await invoice.option('Print');
  const print = new PrintPage(page);
  await print.waitUntilLoaded();
  await expectAccessible(page, 'invoice print view');
  await screenshot(page, 'money-11-invoice-print');
  const text = await print.pdfText();
  for (const expected of ['Fjordside Fysioterapi', 'Org. no. 912 345 678 MVA', 'Strandgata 1, 5013 Bergen', 'Ingrid Berg', 'Strandgata 5, 5013 Bergen',
    'Konsultasjon', 'Kinesiotape', '766,00 kr', '72,80 kr', '18,20 kr', '1503 12 34567']) {
    expect(text, `the printed invoice shows ${expected}`).toContain(expected);
  }
  expect(text).toMatch(/Invoice no\.\s*1\b/);
  expect(text).toMatch(/Due date/);
  await print.saveExpectingPrintDialog();
  await print.back();

  // ---- A receptionist can book and look, but not take payment or change invoices.
  await settings.open();
  await settings.addStaff('Rita Resepsjon', ['Reception']);
  await page.getByRole('button', { name: 'Switch user' }).click();
  await new SignInPage(page).signIn('Rita Resepsjon');
  await clients.open();
  await clients.openClient('Berg, Ingrid');
  await record.openInvoicesTab();
  await record.openInvoice(/Invoice 2/);
  await expect(invoice.dialog().getByText('Taking payment and changing invoices needs the billing permission.')).toBeVisible();
  await expect(invoice.dialog().getByRole('button', { name: 'Take payment' })).toHaveCount(0);
  // Straight to the checkout of invoice 2 (still owing 500): refused there too.
  await invoice.option('Print');
  const invoice2 = decodeURIComponent((await page.evaluate(() => location.hash)).split('/').pop()!);
  await page.evaluate((id) => { location.hash = `#/checkout/${id}`; }, invoice2);
  await expect(page.getByRole('alert')).toHaveText('Taking payments needs the billing permission. Ask someone with billing rights.');
  await expectAccessible(page, 'checkout refused');
  await screenshot(page, 'money-12-receptionist-refused');
  expect(problems).toEqual([]);
});
