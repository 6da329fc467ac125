/**
 * Page model: the clinic's day sheet (#/day-sheet[/<date>]) — the day picker, takings per
 * method, the day's invoicing and what is outstanding — and its print view.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { TakingMethod } from '../../shared/domain/day-sheet.js';
import { PrintPage } from './print-page.js';
import { mainNav } from './main-nav.js';

export class DaySheetPage {
  constructor(readonly page: Page) {}

  /** From the main navigation: today's sheet. */
  async open(): Promise<void> {
    await mainNav(this.page).getByRole('link', { name: 'Day sheet' }).click();
    await this.waitUntilLoaded();
  }

  /** A given day (YYYY-MM-DD) by its route. */
  async openDay(date: string): Promise<void> {
    await this.page.evaluate((hash) => { location.hash = hash; }, `#/day-sheet/${date}`);
    await expect(this.dayInput()).toHaveAttribute('data-value', date);
    await this.waitUntilLoaded();
  }

  heading(): Locator {
    return this.page.getByRole('heading', { name: /^Day sheet/, level: 1 });
  }

  dayInput(): Locator {
    return this.page.getByLabel('Day', { exact: true });
  }

  async waitUntilLoaded(): Promise<void> {
    await expect(this.heading()).toBeVisible();
    await expect(this.page.getByText('Loading the day sheet…')).toHaveCount(0);
  }

  async pickDay(date: string): Promise<void> {
    await this.dayInput().fill(date);
    await expect(this.dayInput()).toHaveAttribute('data-value', date);
    await this.waitUntilLoaded();
  }

  async previousDay(): Promise<void> {
    await this.page.getByRole('button', { name: 'Previous day' }).click();
    await this.waitUntilLoaded();
  }

  async nextDay(): Promise<void> {
    await this.page.getByRole('button', { name: 'Next day' }).click();
    await this.waitUntilLoaded();
  }

  /** Shown instead of the takings table when nothing was paid or refunded. */
  noTakings(): Locator {
    return this.page.getByText('No payments taken on this day.');
  }

  /** Net takings of one method (payments − refunds), as shown. */
  takings(method: TakingMethod): Locator {
    return this.page.getByTestId(`takings-${method}`);
  }

  takingsTotal(): Locator {
    return this.page.getByTestId('takings-total');
  }

  creditUsed(): Locator {
    return this.page.getByTestId('credit-used');
  }

  /** `what`: 'invoices-completed' | 'credit-notes' | 'voided'; the total, and its count. */
  documents(what: 'invoices-completed' | 'credit-notes' | 'voided'): { total: Locator; count: Locator } {
    return { total: this.page.getByTestId(what), count: this.page.getByTestId(`${what}-count`) };
  }

  outstanding(): { total: Locator; count: Locator; overdue: Locator; overdueCount: Locator } {
    return {
      total: this.page.getByTestId('outstanding-total'),
      count: this.page.getByTestId('outstanding-count'),
      overdue: this.page.getByTestId('outstanding-overdue'),
      overdueCount: this.page.getByTestId('overdue-count'),
    };
  }

  /** Follows "Print day sheet" to the print view of the day shown. */
  async print(): Promise<PrintPage> {
    await this.page.getByRole('link', { name: 'Print day sheet' }).click();
    const print = new PrintPage(this.page);
    await print.waitUntilLoaded();
    return print;
  }
}
