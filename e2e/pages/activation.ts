/** Page model: Settings → Payments, where an admin activates payments (a new clinic starts with them off). */
import { expect, type Page } from '@playwright/test';
import { openScreen } from './main-nav.js';

export type BillingProcessChoice = 'Automatic (recommended)' | 'Manual';

/** Opens Settings and activates payments on the sandbox with `process`; waits until the card says since when. */
export async function activatePayments(page: Page, process: BillingProcessChoice = 'Manual'): Promise<void> {
  await openScreen(page, 'Settings');
  const form = page.getByRole('form', { name: 'Activate payments' });
  await form.getByRole('radio', { name: new RegExp(`^${process.replace(/[()]/g, '\\$&')}`) }).check();
  await form.getByRole('radio', { name: /^The sandbox, for trying out/ }).check();
  await form.getByRole('button', { name: 'Activate payments' }).click();
  await expect(page.getByTestId('payments-active')).toHaveText(/^Payments have been active since/);
}
