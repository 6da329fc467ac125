/** Page model: Needs attention — the changes the sync server refused, and accepting one again. */
import { expect, type Locator, type Page } from '@playwright/test';
import { openScreen } from './main-nav.js';

export class NeedsAttentionPage {
  constructor(readonly page: Page) {}

  /** The status bar's link: "1 refused change needs attention". */
  statusLink(): Locator {
    return this.page.getByTestId('needs-attention');
  }

  async open(): Promise<void> {
    await openScreen(this.page, /^Needs attention/, 'Needs attention');
  }

  items(): Locator {
    return this.page.getByTestId('attention-item');
  }

  item(what: string | RegExp): Locator {
    return this.items().filter({ hasText: what });
  }

  async acceptAgain(item: Locator): Promise<void> {
    await item.getByRole('button', { name: 'Accept again as me' }).click();
  }

  emptyState(): Locator {
    return this.page.getByText('Nothing needs attention.');
  }

  async expectEmpty(): Promise<void> {
    await expect(this.emptyState()).toBeVisible({ timeout: 20_000 });
  }
}
