/** Page model: the sidebar's main navigation, and opening a screen from it. */
import { expect, type Locator, type Page } from '@playwright/test';

export function mainNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Main' });
}

/** Clicks the screen's link in the main navigation and waits for its heading. */
export async function openScreen(page: Page, link: string, heading: string | RegExp = link): Promise<void> {
  await mainNav(page).getByRole('link', { name: link }).click();
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
}
