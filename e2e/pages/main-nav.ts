/** Page model: the sidebar's main navigation, opening a screen from it, and the status bar's sync state. */
import { expect, type Locator, type Page } from '@playwright/test';

export function mainNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Main' });
}

/** Clicks the screen's link in the main navigation and waits for its heading. */
export async function openScreen(page: Page, link: string | RegExp, heading: string | RegExp = link): Promise<void> {
  await mainNav(page).getByRole('link', { name: link }).click();
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
}

/** The status bar's sync state: "Synced …", "… not reachable …", what is waiting. */
export function syncState(page: Page): Locator {
  return page.getByTestId('sync-state');
}

/** The status bar's notices: each names a change the sync server made wait or refused, with its Dismiss button. */
export function syncNotices(page: Page): Locator {
  return page.getByTestId('sync-notice');
}
