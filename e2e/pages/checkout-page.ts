/** Page model: the POS checkout — keyboard-first payment and its confirmation. */
import { expect, type Locator, type Page } from '@playwright/test';

export class CheckoutPage {
  constructor(readonly page: Page) {}

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Checkout', level: 1 })).toBeVisible();
  }

  balance(): Locator {
    return this.page.getByTestId('checkout-balance');
  }

  amount(): Locator {
    return this.page.getByLabel('Amount', { exact: true });
  }

  amountHint(): Locator {
    return this.page.getByTestId('amount-hint');
  }

  /** Presses the calculator's keys, e.g. "300". */
  async calculate(keys: string): Promise<void> {
    const calculator = this.page.getByRole('group', { name: 'Calculator' });
    for (const key of keys) await calculator.getByRole('button', { name: key, exact: true }).click();
  }

  /** Cash, by keyboard only: the amount has focus, Alt+C picks cash, Tab to "received", Enter pays. */
  async payCashByKeyboard(amount: string, received: string): Promise<void> {
    await expect(this.amount()).toBeFocused();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(amount);
    await this.page.keyboard.press('Alt+c');
    await expect(this.page.getByRole('radio', { name: /Cash/ })).toBeChecked();
    await this.page.keyboard.press('Tab');
    await expect(this.page.getByLabel('Cash received (optional)')).toBeFocused();
    await this.page.keyboard.type(received);
    await this.page.keyboard.press('Enter');
  }

  async pay(method: RegExp, amount?: string): Promise<void> {
    await this.page.getByRole('radio', { name: method }).check();
    if (amount !== undefined) await this.amount().fill(amount);
    await this.page.getByRole('button', { name: /^Take payment/ }).click();
  }

  confirmation(): Locator {
    return this.page.getByRole('region', { name: 'Payment taken' });
  }

  async done(): Promise<void> {
    await this.page.getByRole('button', { name: 'Done' }).click();
  }
}
