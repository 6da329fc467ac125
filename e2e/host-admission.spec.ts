/**
 * Browser host mode admits the user who started it (decision 0019), in real Chromium: the
 * opening link the start command prints brings the desk up once, lands on a URL without the
 * code and leaves an HttpOnly cookie the page cannot read; the same link in another browser
 * and the bare address without the cookie get a plain refusal. The other specs sign in with
 * the data folder's key instead (support/desk.ts).
 */
import { expect, test } from '@playwright/test';
import { freePort, openBrowser, startHostProcess, stopAllHosts, tempDir } from './support/desk.js';
import { SetupPage } from './pages/setup-page.js';

test.afterEach(stopAllHosts);

test('the printed opening link opens the desk once; without it the desk says how to get in', async () => {
  const host = await startHostProcess({ port: await freePort(), dataDir: tempDir('admission-data') });
  const opening = (await host.waitForOutput(/it works once: (http:\/\/127\.0\.0\.1:\d+\/\?code=[\w-]+)/))[1]!;

  const desk = await openBrowser(tempDir('admission-profile'));
  await desk.page.goto(opening);
  await new SetupPage(desk.page).expectShown();
  expect(desk.page.url()).toBe(host.url);
  const [cookie] = await desk.context.cookies(host.url);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  expect(await desk.page.evaluate(() => document.cookie)).toBe('');
  expect(desk.problems).toEqual([]);

  const stranger = await openBrowser(tempDir('admission-stranger'));
  const reused = await stranger.page.goto(opening);
  expect(reused?.status()).toBe(403);
  await expect(stranger.page.getByText(/already used or has expired/)).toBeVisible();
  const bare = await stranger.page.goto(host.url);
  expect(bare?.status()).toBe(403);
  await expect(stranger.page.getByText(/opens only in the browser its start command opened/)).toBeVisible();

  await stranger.context.close();
  await desk.context.close();
});
