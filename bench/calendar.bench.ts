/**
 * Calendar speed in browser host mode, on a desk holding 20,000 bookings (12
 * practitioners, 300 bookings a week):
 *  - cold start: a new browser process opens the app; time from navigation start to
 *    the calendar's first paint with its bookings ("calendar:ready");
 *  - week render: "Next week" / "Previous week" to the new week's paint
 *    ("calendar:render" measures, taken by the app itself).
 * Goals (docs/design.md, Goals): cold start < 1.5 s; p95 < 100 ms for first render and next/previous.
 */
import { test, type Page } from '@playwright/test';
import { freePort, openDesk, startHostProcess, tempDir } from '../e2e/support/desk.js';
import { ms, percentile, writeSection } from './support/report.js';
import { SignInPage } from '../e2e/pages/sign-in-page.js';

const BOOKINGS = 20_000;
const COLD_STARTS = 7;
const WEEK_STEPS = 40;

async function waitForCalendar(page: Page): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName('calendar:ready').length > 0, null, { timeout: 120_000 });
  return page.evaluate(() => performance.getEntriesByName('calendar:ready')[0]!.startTime);
}

async function stepWeek(page: Page, button: 'Next week' | 'Previous week'): Promise<number> {
  const before = await page.evaluate(() => performance.getEntriesByName('calendar:render').length);
  await page.getByRole('button', { name: button }).click();
  await page.waitForFunction((n) => performance.getEntriesByName('calendar:render').length > n, before);
  return page.evaluate(() => {
    const entries = performance.getEntriesByName('calendar:render');
    return entries[entries.length - 1]!.duration;
  });
}

test('calendar: cold start with 20,000 bookings, and week rendering', async () => {
  const dataDir = tempDir('bench-data');
  const profile = tempDir('bench-profile');
  const port = await freePort();
  const host = await startHostProcess({ port, dataDir, args: [`--demo=${BOOKINGS}`] });

  // Seed once (main writes the demo clinic into the renderer's store), then start cold.
  const seedStart = Date.now();
  let desk = await openDesk(profile, host.url);
  // Signed in once; the profile remembers who is at the desk for the cold starts.
  await new SignInPage(desk.page).signIn('Dr. Astrid Solberg');
  await waitForCalendar(desk.page);
  await desk.page.waitForFunction(() => !document.querySelector('[role="status"].status-pill--busy'), null, { timeout: 600_000 });
  const stored = await desk.page.evaluate(async () => {
    const open = indexedDB.open('rxdb-dexie-frontdesk--0--bookings');
    const db = await new Promise<IDBDatabase>((resolve, reject) => { open.onsuccess = () => resolve(open.result); open.onerror = () => reject(open.error); });
    // RxDB's Dexie storage keeps documents in the "docs" table of one IndexedDB database per collection.
    const store = db.transaction('docs').objectStore('docs');
    const count = await new Promise<number>((resolve) => { const r = store.count(); r.onsuccess = () => resolve(r.result); });
    db.close();
    return count;
  }).catch(() => NaN);
  const seedSeconds = (Date.now() - seedStart) / 1000;
  await desk.context.close();

  const cold: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    desk = await openDesk(profile, host.url);
    cold.push(await waitForCalendar(desk.page));
    if (i < COLD_STARTS - 1) await desk.context.close();
  }
  const page = desk.page;
  const perWeek = await page.locator('.grid .booking').count();

  const forward: number[] = [];
  for (let i = 0; i < WEEK_STEPS; i++) forward.push(await stepWeek(page, 'Next week'));
  const back: number[] = [];
  for (let i = 0; i < WEEK_STEPS; i++) back.push(await stepWeek(page, 'Previous week'));
  const weekCounts = await page.locator('.grid .booking').count();
  await desk.context.close();
  await host.stop();

  const row = (label: string, values: number[], goal: number) => {
    const p50 = percentile(values, 50);
    const p95 = percentile(values, 95);
    return `| ${label} | ${values.length} | ${ms(p50)} | ${ms(p95)} | ${ms(Math.max(...values))} | ${goal} ms | ${p95 < goal ? 'met' : 'NOT met'} (p95/goal ${(p95 / goal).toFixed(2)}) |`;
  };
  const body = [
    '## Calendar',
    '',
    `Browser host mode, headless Chromium, a desk holding ${Number.isNaN(stored) ? `(could not count; ${BOOKINGS} seeded)` : stored} bookings (12 practitioners; ${perWeek} bookings in the week shown, ${weekCounts} after stepping back). Seeding them through main's remote storage took ${seedSeconds.toFixed(1)} s.`,
    '',
    '| measure | runs | p50 | p95 | max | goal | |',
    '|---|---|---|---|---|---|---|',
    row('cold start → calendar painted (new browser process)', cold, 1500),
    row('next week, first render of an unseen week', forward, 100),
    row('previous week (seen before)', back, 100),
  ].join('\n');
  console.log(body);
  writeSection('calendar', body);
});
