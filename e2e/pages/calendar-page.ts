/** Page model: the calendar and its booking dialog. */
import { expect, type Locator, type Page } from '@playwright/test';
import { mainNav } from './main-nav.js';

export class CalendarPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await mainNav(this.page).getByRole('link', { name: 'Calendar' }).click();
    await expect(this.page.locator('.grid')).toBeVisible();
  }

  column(key: string): Locator {
    return this.page.getByTestId(`column-${key}`);
  }

  /** Clicks empty space in a column at a wall-clock time (the grid starts at 07:00 by default). */
  async clickSlot(columnKey: string, hour: number, minute: number, startHour = 7): Promise<void> {
    await this.column(columnKey).click({ position: { x: 10, y: (hour - startHour) * 60 + minute + 2 } });
    await expect(this.bookingDialog()).toBeVisible();
  }

  /** "+ New booking" from the toolbar, then the date and time typed in. */
  async newBooking(date: string, time: string): Promise<void> {
    await this.page.getByRole('button', { name: '+ New booking' }).click();
    const d = this.bookingDialog();
    await expect(d).toBeVisible();
    await d.getByLabel('Date').fill(date);
    await d.getByLabel('Start time').fill(time);
  }

  /** The N shortcut, typed from the calendar itself. */
  async pressNewBooking(): Promise<void> {
    // Off the sidebar link that opened the calendar: the shortcut is for the screen, not a field.
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await this.page.keyboard.press('n');
    await expect(this.bookingDialog()).toBeVisible();
  }

  bookingDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'New booking' });
  }

  async chooseClient(search: string, name: string): Promise<void> {
    const d = this.bookingDialog();
    await d.getByRole('combobox', { name: 'Client' }).fill(search);
    await d.getByRole('option', { name: new RegExp(name) }).click();
    await expect(d.getByTestId('chosen-client')).toHaveText(name);
  }

  async save(): Promise<void> {
    await this.bookingDialog().getByRole('button', { name: 'Add booking' }).click();
  }

  booking(name: RegExp | string): Locator {
    return this.page.locator('.grid').getByRole('button', { name });
  }

  /** Opens a booking from the grid and its invoice from the booking's dialog. */
  async openInvoiceOf(booking: RegExp | string): Promise<void> {
    await this.booking(booking).click();
    await this.page.getByRole('dialog', { name: 'Booking' }).getByRole('button', { name: 'Open invoice' }).click();
    await expect(this.page.getByRole('dialog').filter({ has: this.page.getByRole('tablist', { name: 'Invoice' }) })).toBeVisible();
  }

  /** The practitioner chooser's button ("Practitioners: 3 of 12"). */
  chooser(): Locator {
    return this.page.getByRole('button', { name: /^Practitioners: \d+ of \d+$/ });
  }

  chooserPanel(): Locator {
    return this.page.getByRole('group', { name: 'Practitioners shown' });
  }

  /** Opens the chooser by keyboard and ticks or unticks one practitioner with Space. */
  async togglePractitionerByKeyboard(name: string): Promise<void> {
    if (!(await this.chooserPanel().isVisible())) {
      await this.chooser().focus();
      await this.page.keyboard.press('Enter');
    }
    await this.chooserPanel().getByRole('checkbox', { name }).focus();
    await this.page.keyboard.press('Space');
  }

  async closeChooserByKeyboard(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.chooserPanel()).toBeHidden();
    await expect(this.chooser()).toBeFocused();
  }

  async showAllPractitioners(): Promise<void> {
    if (!(await this.chooserPanel().isVisible())) await this.chooser().click();
    await this.chooserPanel().getByRole('button', { name: 'Show all' }).click();
  }

  compactToggle(): Locator {
    return this.page.getByRole('button', { name: 'Compact', exact: true });
  }

  /** Every booking shown in the grid (blocks or compact rows). */
  bookings(): Locator {
    return this.page.locator('.grid .booking');
  }

  /** The "+N more" buttons of the compact grid. */
  moreButtons(): Locator {
    return this.page.locator('.grid').getByRole('button', { name: /^\d+ more bookings? from / });
  }

  bookingById(id: string): Locator {
    return this.page.getByTestId(`booking-${id}`);
  }
}
