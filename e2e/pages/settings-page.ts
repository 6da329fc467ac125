/** Page model: Settings, and its Sync card. */
import { expect, type Page } from '@playwright/test';

export class SettingsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect(this.page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  }

  async createEnrollmentCode(): Promise<string> {
    await this.page.getByRole('button', { name: 'Create enrolment code' }).click();
    const code = this.page.getByTestId('enrollment-code');
    await expect(code).toHaveText(/^[A-Z0-9]{6,}$/);
    return (await code.textContent())!.trim();
  }
}
