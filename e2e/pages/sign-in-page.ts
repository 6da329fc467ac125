/** Page model: "Who is at the desk?" */
import { expect, type Page } from '@playwright/test';
import { mainNav } from './main-nav.js';

export class SignInPage {
  constructor(readonly page: Page) {}

  async signIn(name: string): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Who is at the desk?' })).toBeVisible({ timeout: 30_000 });
    await this.page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
    await expect(mainNav(this.page)).toContainText(`Signed in: ${name}`);
  }
}
