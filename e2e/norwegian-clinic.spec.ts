/**
 * A clinic set up in bokmål reads bokmål everywhere, and a staff member who chooses English reads
 * English at once, without a restart (issue 13; docs/decisions/0033-languages.md). Every screen
 * is checked for the other language's words (e2e/support/language-check.ts), axe and a screenshot.
 * Labels come from the catalogues, so the spec follows their words.
 */
import { expect, test, type Page } from '@playwright/test';
import { en } from '../shared/i18n/catalogues/en.js';
import { nb } from '../shared/i18n/catalogues/nb.js';
import { expectAccessible, freePort, openDesk, screenshot, startHostProcess, stopAllHosts, tempDir } from './support/desk.js';
import { expectNoWordsOf } from './support/language-check.js';
import { OSLO_CLINIC, SetupPage } from './pages/setup-page.js';

test.afterEach(stopAllHosts);

/** The clinic's own words (names, the service), which no catalogue decides. */
const DATA = ['Fjordside Fysioterapi', 'Astrid Solberg', 'Konsultasjon', 'Kari Nordmann', 'kari@example.no'];

type Words = typeof en;

/** The sidebar, whatever language it is in. */
const sidebar = (page: Page) => page.locator('nav.sidebar');

async function openIn(page: Page, words: Words, link: keyof Words, heading: keyof Words = link): Promise<void> {
  await sidebar(page).getByRole('link', { name: words[link], exact: true }).click();
  await expect(page.getByRole('heading', { name: words[heading], level: 1 })).toBeVisible();
}

async function check(page: Page, foreign: 'en' | 'nb', name: string): Promise<void> {
  await expectNoWordsOf(page, foreign, name, DATA);
  await expectAccessible(page, name);
  await screenshot(page, `nb-${name}`);
}

test('a clinic in bokmål reads bokmål on every screen, and English for a receptionist who chooses it', async () => {
  test.setTimeout(180_000);
  const host = await startHostProcess({ port: await freePort(), dataDir: tempDir('nb-data') });
  const desk = await openDesk(tempDir('nb-profile'), host.url);
  const { page } = desk;

  // Setup reads the machine's language (English here); the clinic works in its country's.
  await new SetupPage(page).setUp({ ...OSLO_CLINIC, language: '' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  await expect(page.getByRole('navigation', { name: nb['nav.main'] })).toBeVisible();

  // The calendar: Norwegian words, a Monday week, 24-hour times.
  await check(page, 'en', 'calendar');
  await expect(page.locator('.grid')).toContainText('07:00');
  await page.getByRole('button', { name: nb['calendar.newBooking'] }).click();
  const booking = page.getByRole('dialog', { name: nb['bookingUi.title'] });
  await expect(booking).toBeVisible();
  await expect(booking.getByLabel(nb['bookingUi.date'])).toHaveAttribute('placeholder', 'dd.mm.åååå');
  await check(page, 'en', 'booking-dialog');
  await page.keyboard.press('Escape');

  // A client, refused first in bokmål.
  await openIn(page, nb as Words, 'nav.clients');
  await check(page, 'en', 'clients-empty');
  await page.getByRole('button', { name: nb['clientUi.newClient'] }).first().click();
  const dialog = page.getByRole('dialog', { name: nb['clientUi.newClient'] });
  await dialog.getByLabel(nb['client.field.firstName']).fill('Kari');
  await dialog.getByLabel(nb['client.field.lastName']).fill('Nordmann');
  await dialog.getByLabel(nb['clientUi.email']).fill('kari@');
  await dialog.getByRole('button', { name: nb['clientUi.saveClient'] }).click();
  await expect(dialog.getByRole('alert').or(dialog.locator('.field__error')).first()).toBeVisible();
  await check(page, 'en', 'client-refused');
  await dialog.getByLabel(nb['clientUi.email']).fill('kari@example.no');
  await dialog.getByRole('button', { name: nb['clientUi.saveClient'] }).click();
  await expect(page.getByRole('heading', { name: 'Kari Nordmann', level: 1 })).toBeVisible();
  await check(page, 'en', 'client-record');

  for (const [link, name] of [['nav.daySheet', 'day-sheet'], ['nav.outbox', 'outbox'], ['nav.attention', 'needs-attention'], ['nav.settings', 'settings']] as const) {
    await sidebar(page).getByRole('link', { name: nb[link], exact: false }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await check(page, 'en', name);
  }

  // The receptionist chooses English: the desk reads English at once, in Norwegian formats.
  await page.getByLabel(nb['field.language.mine']).selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await sidebar(page).getByRole('link', { name: en['nav.calendar'] }).click();
  await expect(page.locator('.grid')).toContainText('07:00');
  await expectNoWordsOf(page, 'nb', 'calendar in English', DATA);
  await screenshot(page, 'nb-calendar-in-english');

  // And back to the clinic's language.
  await page.getByLabel(en['field.language.mine']).selectOption('');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  await expectNoWordsOf(page, 'en', 'calendar back in bokmål', DATA);
});
