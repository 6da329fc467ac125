/** Page model: "Who is at the desk?", then the PIN or password (chosen the first time). */
import { expect, type Page } from '@playwright/test';
import { mainNav } from './main-nav.js';

/** Every e2e staff member's password: long enough for any role (docs/decisions/0023-staff-sign-in.md). */
export const E2E_PASSWORD = 'fjordside-desk-2026';

export class SignInPage {
  constructor(readonly page: Page) {}

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Who is at the desk?' })).toBeVisible({ timeout: 30_000 });
  }

  /** Choose the name, then type the password — or choose it, when this is their first sign-in. */
  async signIn(name: string, password = E2E_PASSWORD): Promise<void> {
    await this.expectShown();
    await this.page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
    const choose = this.page.getByRole('form', { name: 'Choose your PIN or password' });
    const enter = this.page.getByRole('form', { name: 'Sign in' });
    await expect(choose.or(enter)).toBeVisible();
    if (await choose.isVisible()) {
      const passwordChoice = choose.getByRole('radio', { name: 'A password' });
      if (await passwordChoice.count()) await passwordChoice.check();
      await choose.getByLabel('New password').fill(password);
      await choose.getByLabel('The password again').fill(password);
      await choose.getByRole('button', { name: 'Sign in' }).click();
    } else {
      await enter.getByLabel(/^Your (PIN|password)$/).fill(password);
      await enter.getByRole('button', { name: 'Sign in' }).click();
    }
    await expect(mainNav(this.page)).toContainText(`Signed in: ${name}`);
  }
}
