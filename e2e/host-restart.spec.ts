/**
 * A desk's page outlives a restart of its host (browser host mode) without a reload: while the
 * host is away the status bar says it is reconnecting; within seconds of the host being back
 * the page is linked again by itself, learns that the restart signed everyone out
 * (docs/decisions/0023-staff-sign-in.md) and asks for the password, and then the status bar says
 * the desk service is ready and the desk's data is all there (docs/decisions/0036-status-truth.md).
 */
import { expect, test } from '@playwright/test';
import { expectAccessible, freePort, openDesk, screenshot, startHostProcess, stopAllHosts, tempDir } from './support/desk.js';
import { OSLO_CLINIC, SetupPage } from './pages/setup-page.js';
import { ClientsPage } from './pages/clients-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import { mainNav } from './pages/main-nav.js';

test.afterEach(stopAllHosts);

test('a page whose host restarted is linked again by itself, asks for the password again, and needs no reload', async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  const dataDir = tempDir('host-restart');
  const host = await startHostProcess({ port, dataDir });
  const desk = await openDesk(tempDir('profile-host-restart'), host.url);
  await new SetupPage(desk.page).setUp();
  const clients = new ClientsPage(desk.page);
  await clients.open();
  await clients.create({ firstName: 'Ingrid', lastName: 'Berg', email: 'ingrid@example.com' });
  const service = desk.page.getByTestId('desk-service');
  await expect(service).toHaveText('Desk service ready');
  // Gone after a reload: proves the page below is this one.
  await desk.page.evaluate(() => { (window as unknown as { sameLoad: boolean }).sameLoad = true; });

  // The host stops and stays away long enough for several retries.
  await host.stop();
  await expect(service).toHaveText('Reconnecting to the desk service…');
  await screenshot(desk.page, '50-host-away');
  await desk.page.waitForTimeout(6_000);
  await startHostProcess({ port, dataDir });
  const backAt = Date.now();

  // Linked again by itself, and told the restart signed everyone out. How soon is the retry
  // schedule's (socket-bridge.test.ts, on a fake clock); here it is reported, not asserted (decision 0034).
  const signIn = new SignInPage(desk.page);
  await expect(desk.page.getByRole('heading', { name: 'Who is at the desk?' })).toBeVisible({ timeout: 20_000 });
  console.info(`host-restart: the sign-in screen ${Date.now() - backAt} ms after the host was back`);
  await expectAccessible(desk.page, 'sign in after a host restart');
  await signIn.signIn(OSLO_CLINIC.practitioner);
  await expect(mainNav(desk.page)).toBeVisible();
  await expect(service).toHaveText('Desk service ready');
  await clients.open();
  await clients.openClient('Berg, Ingrid');
  await expect(desk.page.getByRole('heading', { name: 'Ingrid Berg', level: 1 })).toBeVisible();
  expect(await desk.page.evaluate(() => (window as unknown as { sameLoad?: boolean }).sameLoad)).toBe(true);
  await screenshot(desk.page, '51-host-back');
  expect(desk.problems.filter((p) => !/ERR_CONNECTION_REFUSED|WebSocket/.test(p))).toEqual([]);
  await desk.context.close();
});
