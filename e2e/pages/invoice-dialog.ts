/** Page model: the invoice pop-up — preview, line editor, complete, options, credit note, log. */
import { expect, type Locator, type Page } from '@playwright/test';

export class InvoiceDialog {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByRole('dialog').filter({ has: this.page.getByRole('tablist', { name: 'Invoice' }) });
  }

  async expectTitle(title: string | RegExp): Promise<void> {
    await expect(this.dialog().getByRole('heading', { level: 2 }).first()).toHaveText(title);
  }

  total(): Locator {
    return this.dialog().getByTestId('invoice-total');
  }

  balance(): Locator {
    return this.dialog().getByTestId('invoice-balance');
  }

  state(): Locator {
    return this.dialog().getByTestId('invoice-state');
  }

  /** The invoice's payment links, one entry per request (state, amount and channels, actions). */
  paymentLinks(): Locator {
    return this.dialog().getByTestId('payment-link');
  }

  async editLines(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Edit lines' }).click();
    await expect(this.dialog().getByRole('form', { name: 'Edit invoice lines' })).toBeVisible();
  }

  line(n: number, field: 'description' | 'quantity' | 'unit price' | 'discount percent'): Locator {
    return this.dialog().getByLabel(`Line ${n} ${field}`, { exact: true });
  }

  async addLine(values: { description: string; quantity?: string; price: string; discount?: string }): Promise<void> {
    const rows = await this.dialog().locator('.line-editor__table tbody tr').count();
    await this.dialog().getByRole('button', { name: 'Add line' }).click();
    const n = rows + 1;
    await this.line(n, 'description').fill(values.description);
    if (values.quantity) await this.line(n, 'quantity').fill(values.quantity);
    await this.line(n, 'unit price').fill(values.price);
    if (values.discount) await this.line(n, 'discount percent').fill(values.discount);
  }

  async saveLines(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Save lines' }).click();
  }

  async complete(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Complete invoice' }).click();
  }

  async takePayment(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Take payment' }).click();
  }

  async option(name: string | RegExp): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Options' }).click();
    await this.dialog().getByRole('group', { name: 'Invoice options' }).getByRole('button', { name }).click();
  }

  async creditLine(n: number, amount: string): Promise<void> {
    await this.dialog().getByRole('radio', { name: 'Amounts per line' }).check();
    await this.dialog().getByLabel(new RegExp(`^Credit for line ${n},`)).fill(amount);
    await this.dialog().getByRole('button', { name: 'Issue credit note' }).click();
  }

  async openLog(): Promise<void> {
    await this.dialog().getByRole('tab', { name: 'Log' }).click();
  }

  async close(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Close' }).click();
    await expect(this.dialog()).toBeHidden();
  }
}
