/**
 * The calendar at a busy clinic (issue 14 point 6): the demo clinic's 12 practitioners, a
 * week of about 300 bookings. The admin, a practitioner too, first sees their own bookings;
 * chooses others by keyboard; the compact week keeps names readable with "+N more" beyond;
 * each booking says its billing state (draft, paid, link sent, overdue, externally billed);
 * the choice is remembered. Both clocks are fixed: the host's (FRONTDESK_CLOCK_FILE) and the page's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, freePort, openDesk, screenshot, startHostProcess, stopAllHosts, tempDir } from './support/desk.js';
import { SignInPage } from './pages/sign-in-page.js';
import { CalendarPage } from './pages/calendar-page.js';
import { InvoiceDialog } from './pages/invoice-dialog.js';
import { CheckoutPage } from './pages/checkout-page.js';
import { mainNav } from './pages/main-nav.js';

test.afterEach(stopAllHosts);

/** Wednesday 18 November 2026, 09:30 in Oslo. */
const NOW = Date.parse('2026-11-18T08:30:00.000Z');
const MONDAY = '2026-11-16';
const DAY_MS = 86_400_000;

/** The accessible name of a booking (what a screen reader reads: time, client, service, practitioner, billing state). */
const nameOf = (page: Page, id: string) => page.getByTestId(`booking-${id}`).evaluate((el) => el.textContent ?? '');

async function closeBooking(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Booking' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
}

async function firstBookingIn(calendar: CalendarPage, date: string, skip: readonly string[] = []): Promise<string> {
  const ids = await calendar.column(date).locator('.booking').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('booking-'.length)));
  return ids.find((id) => !skip.includes(id))!;
}

test('a week of 12 practitioners: chosen by keyboard, compact and readable, with each booking\'s billing state', async () => {
  test.setTimeout(120_000);
  const dataDir = tempDir('busy-data');
  const clockFile = path.join(dataDir, 'clock-offset');
  fs.writeFileSync(clockFile, String(NOW - Date.now()));
  const host = await startHostProcess({ port: await freePort(), dataDir, args: ['--demo=1500'], env: { FRONTDESK_CLOCK_FILE: clockFile } });
  const desk = await openDesk(tempDir('busy-profile'), host.url, { clock: NOW });
  const { page } = desk;
  await new SignInPage(page).signIn('Dr. Astrid Solberg');
  const calendar = new CalendarPage(page);
  await expect(page.getByRole('heading', { name: /16 Nov – 22 Nov 2026/ })).toBeVisible();

  // A practitioner sees their own bookings first.
  await expect(calendar.chooser()).toHaveText('Practitioners: 1 of 12');
  await expect(calendar.bookings().first()).toBeVisible();
  const own = await calendar.bookings().evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
  expect(own.length).toBeGreaterThan(15);
  expect(own.every((title) => title.includes('Dr. Astrid Solberg'))).toBe(true);
  await expectAccessible(page, 'own week');
  await screenshot(page, 'busy-01-own-week');

  // Two more, by keyboard; then everyone.
  await calendar.togglePractitionerByKeyboard('Jon Eriksen');
  await calendar.togglePractitionerByKeyboard('Marte Lie');
  await expect(calendar.chooser()).toHaveText('Practitioners: 3 of 12');
  await expectAccessible(page, 'practitioner chooser');
  await screenshot(page, 'busy-02-chooser');
  await calendar.closeChooserByKeyboard();
  await expect.poll(async () => new Set((await calendar.bookings().evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? '')))
    .map((title) => title.split(', ').at(-2))).size).toBe(3);
  await calendar.showAllPractitioners();
  await expect(calendar.chooser()).toHaveText('Practitioners: 12 of 12');
  await calendar.closeChooserByKeyboard();
  const all = await calendar.bookings().count();
  expect(all).toBeGreaterThan(250);
  await screenshot(page, 'busy-03-all-timed');

  // Compact: readable rows, and every booking a row or counted in a "+N more".
  await calendar.compactToggle().click();
  await expect(calendar.compactToggle()).toHaveAttribute('aria-pressed', 'true');
  await expect(calendar.moreButtons().first()).toBeVisible();
  const rows = await calendar.bookings().evaluateAll((els) => els.map((e) => {
    const client = e.querySelector('.booking__client') as HTMLElement;
    return { width: e.getBoundingClientRect().width, nameShown: client.scrollWidth <= client.clientWidth + 1 };
  }));
  const counted = await calendar.moreButtons().evaluateAll((els) => els.reduce((n, e) => n + Number(/^(\d+)/.exec(e.getAttribute('aria-label')!)![1]), 0));
  expect(rows.length + counted).toBe(all);
  expect(Math.min(...rows.map((r) => r.width))).toBeGreaterThan(120);
  // Names fit their row (the longest demo names may lose a letter or two at 1366 px).
  expect(rows.filter((r) => r.nameShown).length / rows.length).toBeGreaterThan(0.9);
  await expectAccessible(page, 'compact week');
  await screenshot(page, 'busy-04-compact-week');

  // "+N more" opens the rest of that hour as a list.
  const more = calendar.moreButtons().first();
  const n = Number(/^(\d+)/.exec((await more.getAttribute('aria-label'))!)![1]);
  await more.click();
  const list = page.getByRole('dialog', { name: /^Mon 16 Nov, \d\d:00–\d\d:00$/ });
  await expect(list.getByRole('button', { name: /Draft invoice/ })).toHaveCount(n);
  await expectAccessible(page, 'more bookings');
  await screenshot(page, 'busy-05-more-list');
  await list.getByRole('button', { name: 'Close' }).click();

  // Billing states: every demo booking starts with a draft invoice.
  const paidId = await firstBookingIn(calendar, MONDAY);
  const linkId = await firstBookingIn(calendar, MONDAY, [paidId]);
  const overdueId = await firstBookingIn(calendar, MONDAY, [paidId, linkId]);
  expect(await nameOf(page, paidId)).toMatch(/, Draft invoice$/);

  // Paid at the desk.
  await calendar.bookingById(paidId).click();
  await page.getByRole('dialog', { name: 'Booking' }).getByRole('button', { name: 'Open invoice' }).click();
  const invoice = new InvoiceDialog(page);
  await invoice.takePayment();
  const checkout = new CheckoutPage(page);
  await checkout.expectShown();
  await checkout.pay(/Card terminal/);
  await expect(checkout.confirmation()).toBeVisible();
  await checkout.done();
  // Back to the calendar: the choice (everyone, compact) was remembered.
  await mainNav(page).getByRole('link', { name: 'Calendar' }).click();
  await expect(calendar.compactToggle()).toHaveAttribute('aria-pressed', 'true');
  await expect(calendar.chooser()).toHaveText('Practitioners: 12 of 12');
  await expect.poll(() => nameOf(page, paidId)).toMatch(/, Paid$/);

  // A payment link sent; another invoice completed, not paid.
  await calendar.bookingById(linkId).click();
  await page.getByRole('dialog', { name: 'Booking' }).getByRole('button', { name: 'Open invoice' }).click();
  await invoice.option('Send payment link…');
  const send = page.getByRole('dialog', { name: 'Send payment link' });
  await send.getByRole('button', { name: 'Send link' }).click();
  await expect(send).toBeHidden();
  await expect(invoice.dialog().getByTestId('payment-link')).toContainText('Link sent');
  await invoice.close();
  await closeBooking(page);
  await expect.poll(() => nameOf(page, linkId)).toMatch(/, Payment link sent$/);
  await calendar.bookingById(overdueId).click();
  await page.getByRole('dialog', { name: 'Booking' }).getByRole('button', { name: 'Open invoice' }).click();
  await invoice.complete();
  await expect(invoice.state()).toHaveText('Unpaid');
  await invoice.close();
  await closeBooking(page);
  await expect.poll(() => nameOf(page, overdueId)).toMatch(/, Unpaid$/);

  // An externally billed booking that runs past midnight: on Wednesday to midnight, the rest on Thursday.
  await calendar.newBooking('18.11.2026', '23:30');
  await calendar.chooseClient('amalie.hansen222', 'Amalie Hansen');
  await calendar.bookingDialog().getByLabel('Service').selectOption({ label: 'Extended treatment — 60 min, 980,00 kr' });
  await calendar.bookingDialog().getByLabel('Practitioner').selectOption({ label: 'Dr. Astrid Solberg' });
  await calendar.bookingDialog().getByRole('radio', { name: /^Externally billed/ }).check();
  await calendar.save();
  await expect(calendar.bookingDialog()).toBeHidden();
  const late = /^23:30 ?–00:30 Amalie Hansen .*Dr\. Astrid Solberg ?, Externally billed ?, /;
  const wednesday = calendar.column('2026-11-18').getByRole('button', { name: late });
  await expect(wednesday).toHaveAccessibleName(/, continues the next day$/);
  await expect(calendar.column('2026-11-19').getByRole('button', { name: late })).toHaveAccessibleName(/, continued from the previous day$/);
  // Neither part spills out of its day's column.
  for (const [date, part] of [['2026-11-18', wednesday], ['2026-11-19', calendar.column('2026-11-19').getByRole('button', { name: late })]] as const) {
    const column = (await calendar.column(date).boundingBox())!;
    const box = (await part.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(column.y);
    expect(box.y + box.height).toBeLessThanOrEqual(column.y + column.height);
  }
  await expect(page.locator('.toast')).toBeHidden({ timeout: 8_000 });
  await wednesday.scrollIntoViewIfNeeded();
  await expectAccessible(page, 'billing states');
  await screenshot(page, 'busy-06-billing-states');

  // Fifteen days on, the unpaid invoices are overdue; the paid one stays paid.
  await desk.context.clock.setFixedTime(NOW + 15 * DAY_MS);
  fs.writeFileSync(clockFile, String(NOW + 15 * DAY_MS - Date.now()));
  await calendar.compactToggle().click();
  await expect.poll(() => nameOf(page, overdueId)).toMatch(/, Overdue$/);
  expect(await nameOf(page, linkId)).toMatch(/, Overdue$/);
  expect(await nameOf(page, paidId)).toMatch(/, Paid$/);
  await page.locator('.grid__body').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await screenshot(page, 'busy-07-overdue-timed');
  expect(desk.problems).toEqual([]);
});
