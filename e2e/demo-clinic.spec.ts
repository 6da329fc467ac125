/**
 * The demo flag: the main process seeds a demo clinic into the renderer's empty
 * store through remote storage, and the renderer's live queries show it.
 */
import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page.js';
import { expectAccessible, freePort, openDesk, screenshot, startHostProcess, stopAllHosts, tempDir } from './support/desk.js';
import { mainNav } from './pages/main-nav.js';
import { CalendarPage } from './pages/calendar-page.js';

test.afterEach(stopAllHosts);

test("main's demo seed appears in the renderer without a reload", async () => {
  const host = await startHostProcess({ port: await freePort(), dataDir: tempDir('demo'), args: ['--demo'] });
  const desk = await openDesk(tempDir('demo-profile'), host.url);
  const { page } = desk;
  await expect(page.getByRole('heading', { name: 'Who is at the desk?' })).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, 'sign in');
  await screenshot(page, '19-sign-in');
  await new SignInPage(page).signIn('Dr. Astrid Solberg');
  await expect(mainNav(page)).toContainText('Fjordside Physio');
  await expect(page.locator('.grid .booking').first()).toBeVisible();
  await expectAccessible(page, 'demo week');
  await screenshot(page, '20-demo-week');
  await page.getByRole('button', { name: 'Day', exact: true }).click();
  // A practitioner starts with their own column; the chooser shows the others (e2e/busy-clinic.spec.ts).
  await expect(page.locator('.grid__col-head')).toHaveCount(1);
  const calendar = new CalendarPage(page);
  await calendar.showAllPractitioners();
  await calendar.closeChooserByKeyboard();
  await expect(page.locator('.grid__col-head')).toHaveCount(6);
  await screenshot(page, '21-demo-day');
  // A second window on the same desk is refused: it would hold a second, stale copy of the data.
  const second = await desk.context.newPage();
  await second.goto(host.url);
  await expect(second.getByRole('heading', { name: 'The desk is already open in another window' })).toBeVisible();
  await expectAccessible(second, 'second window');
  await second.close();
  expect(desk.problems).toEqual([]);
  await desk.context.close();
  await host.stop();
});
