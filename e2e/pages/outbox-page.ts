/** Page model: the outbox (messages kept instead of sent) and the sandbox pay page a link opens. */
import { expect, type Locator, type Page } from '@playwright/test';
import { openScreen } from './main-nav.js';

export class OutboxPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await openScreen(this.page, 'Outbox');
  }

  items(): Locator {
    return this.page.getByTestId('outbox-item');
  }

  item(channel: 'Email' | 'SMS', to: string): Locator {
    return this.items().filter({ hasText: channel }).filter({ hasText: to });
  }

  async linkOf(item: Locator): Promise<string> {
    return (await item.getByRole('link', { name: 'Open the payment page' }).getAttribute('href'))!;
  }
}

/** The sandbox's pay page, opened in its own tab as a client's phone would. */
export class SandboxPayPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  amount(): Locator {
    return this.page.getByTestId('amount');
  }

  async pay(how: 'Pay now' | 'Processing, then paid' | 'Decline the card' = 'Pay now'): Promise<void> {
    await this.page.getByRole('button', { name: how }).click();
  }
}
