/**
 * A receptionist's first day: set up the clinic, add a client, book a slot, find the
 * draft invoice in the client's Invoices tab — then restart and find it all again.
 * Refusals along the way; axe and a screenshot on every screen.
 */
import { expect, test } from '@playwright/test';
import { todayInOslo } from './support/money.js';
import { expectAccessible, freePort, openDesk, screenshot, startHostProcess, stopAllHosts, tempDir } from './support/desk.js';

test.afterEach(stopAllHosts);
import { OSLO_CLINIC, SetupPage } from './pages/setup-page.js';
import { ClientsPage } from './pages/clients-page.js';
import { CalendarPage } from './pages/calendar-page.js';
import { mainNav, openScreen } from './pages/main-nav.js';
import { activatePayments } from './pages/activation.js';
import { SignInPage } from './pages/sign-in-page.js';


test('set up, add a client, book, see the draft invoice, and find it all after a restart', async () => {
  const dataDir = tempDir('data');
  const profile = tempDir('profile');
  const port = await freePort();
  let host = await startHostProcess({ port, dataDir });
  let desk = await openDesk(profile, host.url);
  const { page } = desk;

  // First run: setup, with a zero-length service refused first.
  const setup = new SetupPage(page);
  await setup.expectShown();
  await expectAccessible(page, 'setup');
  await setup.fill({ ...OSLO_CLINIC, duration: '0' });
  await setup.submit();
  await expect(page.getByText('A service must last at least 1 minute.')).toBeVisible();
  await expect(page.getByLabel('Duration (minutes)')).toBeFocused();
  await screenshot(page, '01-setup-refused-zero-length');
  await page.getByLabel('Duration (minutes)').fill('45');
  await setup.submit();
  await expect(mainNav(page)).toBeVisible();
  await expect(page.getByTestId('desk-service')).toHaveText(/Desk service ready/);
  await expect(page.getByText('No bookings this week.')).toBeVisible();
  await expectAccessible(page, 'empty calendar');
  await screenshot(page, '02-calendar-empty');

  // Payments start off: the booking dialog says so, and Settings explains what activating does.
  await new CalendarPage(page).pressNewBooking();
  await expect(page.getByTestId('payments-off')).toHaveText(/payments are not activated yet/);
  await page.keyboard.press('Escape');
  await openScreen(page, 'Settings');
  await expect(page.getByRole('form', { name: 'Activate payments' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /^Automatic \(recommended\)/ })).toBeChecked();
  await expectAccessible(page, 'activation');
  await screenshot(page, '02b-activate-payments');
  await activatePayments(page, 'Manual');
  await screenshot(page, '02c-payments-active');
  await new CalendarPage(page).open();

  // A client, with an invalid email refused first.
  const clients = new ClientsPage(page);
  await clients.open();
  await expect(page.getByText('No clients yet.')).toBeVisible();
  await expectAccessible(page, 'empty client list');
  await clients.startNewClient();
  await clients.fillNewClient({ firstName: 'Ingrid', lastName: 'Berg', email: 'ingrid@', phone: '+47 412 34 567' });
  await clients.saveNewClient();
  await expect(clients.dialog().getByText(/"ingrid@" is not a valid email address/)).toBeVisible();
  await expectAccessible(page, 'new client refused');
  await screenshot(page, '03-client-invalid-email');
  await clients.dialog().getByLabel('Email').fill('ingrid.berg@example.com');
  await clients.saveNewClient();
  await expect(page.getByRole('heading', { name: 'Ingrid Berg', level: 1 })).toBeVisible();
  await expectAccessible(page, 'client record');

  // Book a slot today at 10:00; refused without a client first.
  const calendar = new CalendarPage(page);
  await calendar.open();
  const today = todayInOslo();
  await calendar.clickSlot(today, 10, 0);
  await expect(calendar.bookingDialog().getByTestId('booking-end')).toHaveText('10:45');
  await expect(calendar.bookingDialog().getByText('Clinic default: Manual')).toBeVisible();
  await calendar.save();
  await expect(calendar.bookingDialog().getByText('Choose a client for the booking.')).toBeVisible();
  await expectAccessible(page, 'booking dialog');
  await calendar.chooseClient('berg', 'Ingrid Berg');
  await screenshot(page, '04-booking-dialog');
  await calendar.save();
  await expect(calendar.bookingDialog()).toBeHidden();
  await expect(page.locator('.toast')).toHaveText('Booked. A draft invoice was created.');
  await expect(calendar.booking(/^10:00 ?–10:45 Ingrid Berg Konsultasjon/)).toBeVisible();

  // An overlapping booking for the same practitioner needs confirmation.
  await calendar.newBooking(today, '10:30');
  await calendar.chooseClient('ingrid', 'Ingrid Berg');
  await calendar.save();
  const warning = calendar.bookingDialog().getByRole('alert');
  await expect(warning).toContainText('This overlaps another booking for the same practitioner.');
  await expectAccessible(page, 'overlap warning');
  await screenshot(page, '05-overlap-warning');
  await warning.getByRole('button', { name: 'Book anyway' }).click();
  await expect(calendar.bookingDialog()).toBeHidden();
  await expect(calendar.booking(/^10:30 ?–11:15 Ingrid Berg Konsultasjon/)).toBeVisible();
  await expectAccessible(page, 'calendar with bookings');
  await screenshot(page, '06-calendar-week');
  await page.getByRole('button', { name: 'Day', exact: true }).click();
  await expect(page.getByRole('group', { name: 'Astrid Solberg' })).toBeVisible();
  await expectAccessible(page, 'day view');
  await screenshot(page, '07-calendar-day');

  // The draft invoices in the client's Invoices tab, previewed.
  await clients.open();
  const record = await clients.openClient('Berg, Ingrid');
  await record.openInvoicesTab();
  await expect(record.list('Active').getByRole('button')).toHaveCount(2);
  await expect(record.list('Settled').getByText('Nothing settled yet.')).toBeVisible();
  await expectAccessible(page, 'invoices tab');
  await screenshot(page, '08-invoices-tab');
  const preview = await record.openInvoice(/Konsultasjon/);
  await expect(preview.getByTestId('preview-label')).toHaveText('Preview');
  await expect(preview.getByTestId('invoice-total')).toHaveText(/750,00/);
  await expect(preview.getByText('Assigned when completed')).toBeVisible();
  await expectAccessible(page, 'invoice preview');
  await screenshot(page, '09-invoice-preview');
  expect(desk.problems).toEqual([]);

  // Restart the browser and the host on the same profile and data folder.
  await desk.context.close();
  await host.stop();
  host = await startHostProcess({ port, dataDir });
  desk = await openDesk(profile, host.url);
  // A restart signs everyone out: the password again (docs/decisions/0023-staff-sign-in.md).
  await new SignInPage(desk.page).signIn(OSLO_CLINIC.practitioner);
  await expect(mainNav(desk.page)).toBeVisible();
  await expect(new CalendarPage(desk.page).booking(/^10:00 ?–10:45 Ingrid Berg/)).toBeVisible();
  await expect(new CalendarPage(desk.page).booking(/^10:30 ?–11:15 Ingrid Berg/)).toBeVisible();
  await screenshot(desk.page, '10-after-restart');
  expect(desk.problems).toEqual([]);
  await desk.context.close();
  await host.stop();

  // The only admin forgot her password: the desk's computer user sets a new one from the
  // command line (README "Signing in"); the old one no longer works.
  host = await startHostProcess({ port, dataDir, args: ['--reset-secret', OSLO_CLINIC.practitioner], env: { FRONTDESK_NEW_SECRET: 'a-new-start-2026' } });
  desk = await openDesk(profile, host.url);
  await host.waitForOutput(new RegExp(`${OSLO_CLINIC.practitioner} can now sign in with the new password`));
  await new SignInPage(desk.page).signIn(OSLO_CLINIC.practitioner, 'a-new-start-2026');
  expect(desk.problems).toEqual([]);
  await desk.context.close();
  await host.stop();
});
