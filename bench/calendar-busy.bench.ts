/**
 * The calendar at a busy clinic (issue 14 point 6): a desk holding 20,000 bookings, 12
 * practitioners, about 300 bookings a week, all practitioners shown. A week switch ("Next
 * week") in the compact view and in the timed view, from the click to the new week painted
 * with its billing states, against the time Chromium needs to lay out and paint the same
 * week's grid written as static HTML (no React, no data access) with the same stylesheet, in
 * the same browser and run. Both end the same way: the frame that holds the week has been
 * laid out and painted (a message posted from its requestAnimationFrame arrives after it).
 * Goals: ratio ≤ 3×, p95 < 100 ms. Measures only; asserts nothing about time.
 */
import { test, type Page } from '@playwright/test';
import { freePort, openDesk, startHostProcess, tempDir } from '../e2e/support/desk.js';
import { CalendarPage } from '../e2e/pages/calendar-page.js';
import { SignInPage } from '../e2e/pages/sign-in-page.js';
import { ms, percentile, writeSection } from './support/report.js';
import { startProfile, stopProfile } from './support/cpu-profile.js';

const BOOKINGS = 20_000;
const STEPS = 30;

/** Clicks "Next week"; resolves with ms from the click to the painted frame that shows the new week, and that week's grid. */
async function stepWeek(page: Page): Promise<{ ms: number; html: string; bookings: number }> {
  return page.evaluate(async () => {
    const before = performance.getEntriesByName('calendar:render').length;
    const button = document.querySelector<HTMLButtonElement>('button[aria-label="Next week"]')!;
    const t0 = performance.now();
    button.click();
    const t1 = await new Promise<number>((resolve) => {
      const check = () => {
        // The app measures in the requestAnimationFrame of the frame that first holds the week:
        // a message posted from there arrives once that frame is laid out and painted.
        if (performance.getEntriesByName('calendar:render').length > before) {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now());
          channel.port2.postMessage(null);
        } else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    // Bookings shown, and those counted in "+N more" (their aria-label starts with the count).
    const shown = document.querySelectorAll('.grid .booking').length;
    const counted = [...document.querySelectorAll('.grid .booking-more')].reduce((n, e) => n + Number(/^(\d+)/.exec(e.getAttribute('aria-label') ?? '')?.[1] ?? 0), 0);
    return { ms: t1 - t0, html: document.querySelector('.grid')!.outerHTML, bookings: shown + counted };
  });
}

/** The same weeks as static HTML in a page with the app's stylesheet and frame: ms from inserting each to its painted frame. */
async function staticWeeks(page: Page, frame: string, css: string, weeks: string[]): Promise<number[]> {
  await page.setContent(`<!doctype html><html><head><style>${css}</style></head><body><div id="root">${frame}</div></body></html>`);
  return page.evaluate(async (grids) => {
    const out: number[] = [];
    for (const html of grids) {
      const old = document.querySelector('.grid')!;
      const t0 = performance.now();
      const holder = document.createElement('template');
      holder.innerHTML = html;
      old.replaceWith(holder.content);
      out.push(await new Promise<number>((resolve) => requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now() - t0);
        channel.port2.postMessage(null);
      })));
      // Let the frame settle before the next one, as a person's clicks would.
      await new Promise((r) => setTimeout(r, 30));
    }
    return out;
  }, weeks);
}

test('calendar at a busy clinic: a week switch against the same week as static HTML', async () => {
  const dataDir = tempDir('bench-busy-data');
  const port = await freePort();
  const host = await startHostProcess({ port, dataDir, args: [`--demo=${BOOKINGS}`] });
  const desk = await openDesk(tempDir('bench-busy-profile'), host.url);
  const { page } = desk;
  await new SignInPage(page).signIn('Dr. Astrid Solberg');
  await page.waitForFunction(() => performance.getEntriesByName('calendar:ready').length > 0, null, { timeout: 120_000 });
  await page.waitForFunction(() => !document.querySelector('[role="status"].status-pill--busy'), null, { timeout: 600_000 });
  const calendar = new CalendarPage(page);
  await calendar.showAllPractitioners();
  await page.keyboard.press('Escape');
  const css = await page.evaluate(async () => {
    const parts: string[] = [];
    for (const sheet of [...document.styleSheets]) for (const rule of [...sheet.cssRules]) parts.push(rule.cssText);
    return parts.join('\n');
  });

  const results: { mode: string; app: number[]; plain: number[]; perWeek: number[] }[] = [];
  for (const compact of [true, false]) {
    if ((await calendar.compactToggle().getAttribute('aria-pressed')) !== String(compact)) await calendar.compactToggle().click();
    await page.getByRole('button', { name: 'Today' }).click();
    // The demo's bookings reach 45 weeks ahead: every week stepped to is a full one. One step to warm up.
    await stepWeek(page);
    await page.waitForTimeout(300);
    // CALENDAR_BUSY_PROFILE=1: where the main thread goes during the switches (printed, not written).
    const cdp = process.env.CALENDAR_BUSY_PROFILE ? await desk.context.newCDPSession(page) : null;
    if (cdp) await startProfile(cdp);
    const app: number[] = [];
    const weeks: string[] = [];
    const perWeek: number[] = [];
    for (let i = 0; i < STEPS; i++) {
      const step = await stepWeek(page);
      app.push(step.ms);
      weeks.push(step.html);
      perWeek.push(step.bookings);
      await page.waitForTimeout(30);
    }
    if (cdp) console.log((await stopProfile(cdp, 30)).join('\n'));
    const frame = await page.evaluate(() => document.querySelector('#root')!.innerHTML);
    const plainPage = await desk.context.newPage();
    const plain = await staticWeeks(plainPage, frame, css, weeks);
    await plainPage.close();
    results.push({ mode: compact ? 'compact' : 'timed', app, plain, perWeek });
  }
  await desk.context.close();
  await host.stop();

  const rows = results.map(({ mode, app, plain, perWeek }) => {
    const ratio = percentile(app, 50) / percentile(plain, 50);
    const p95 = percentile(app, 95);
    return `| ${mode} | ${app.length} | ${Math.min(...perWeek)}–${Math.max(...perWeek)} | ${ms(percentile(app, 50))} | ${ms(p95)} | ${ms(percentile(plain, 50))} | ${ms(percentile(plain, 95))} | **${ratio.toFixed(2)}×** ${ratio <= 3 ? 'met' : 'NOT met'} | ${p95 < 100 ? 'met' : 'NOT met'} |`;
  });
  const body = [
    '## Calendar at a busy clinic',
    '',
    `\`bench/calendar-busy.bench.ts\`: browser host mode, headless Chromium at 1366×860, a desk holding ${BOOKINGS} bookings, 12 practitioners all shown, the week view with billing states. "Next week" from the click to the new week's frame laid out and painted, against the same weeks' grid inserted as static HTML (the app's stylesheet and frame, no React, no data access) in another page of the same browser, measured the same way. Ratio = app p50 ÷ static p50 (goal ≤ 3×); p95 goal < 100 ms. The demo's invoices are drafts, so the billing queries read invoices by id only.`,
    '',
    "Where the time goes and what was tried: the app's switch is its range queries (bookings, then the clients and invoices they name, in parallel), React's render of ~300 entries and the same layout and paint as the static page. Keeping the weeks either side subscribed once a week is shown took the compact p50 from ~113 ms to ~70–80 ms; querying the invoices beside the clients instead of after them is in too. The p95 is not met on this 2-core machine: single switches reach 150–200 ms (the host process and GC share the cores; the static page's own p95 varies 50–85 ms run to run). A clinic whose weeks hold completed invoices adds one query each for their payments, payment requests and credit notes: RxDB turns an `$in` over random ids into one index range from the smallest to the largest, so those read most of the collection; a schema change (an index a set lookup can use, or the state kept on the booking) would be needed to make them cheap, and is not part of this change.",
    '',
    '| view | switches | bookings a week | app p50 | app p95 | static p50 | static p95 | ratio (goal ≤ 3×) | p95 < 100 ms |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  console.log(body);
  writeSection('calendar-busy', body);
});
