/**
 * An admin's Settings: payment terms and VAT rates changed (a bad value refused first),
 * a receptionist added, the last admin kept; then the receptionist signs in, can read
 * everything and is offered no Edit button. axe and a screenshot on every step.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible, freePort, openDesk, screenshot, startHostProcess, stopAllHosts, tempDir } from './support/desk.js';
import { SetupPage } from './pages/setup-page.js';
import { SettingsPage } from './pages/settings-page.js';
import { mainNav } from './pages/main-nav.js';
import { SignInPage } from './pages/sign-in-page.js';

test.afterEach(stopAllHosts);

test('an admin edits billing and adds a receptionist, who can read settings but not change them', async () => {
  const host = await startHostProcess({ port: await freePort(), dataDir: tempDir('data') });
  const desk = await openDesk(tempDir('profile'), host.url);
  const { page } = desk;
  await new SetupPage(page).setUp();

  const settings = new SettingsPage(page);
  await settings.open();
  await expect(settings.card('Billing')).toContainText('14 days');
  await expect(settings.editButtons().first()).toBeVisible();
  await expectAccessible(page, 'settings as admin');
  await screenshot(page, 'settings-01-admin');

  // Payment terms out of range are refused on the field, and nothing is saved.
  await settings.startEditBilling();
  await settings.fillBilling({ paymentTermsDays: '400' });
  await settings.saveBilling();
  await expect(settings.billingDialog().getByText('Enter the payment terms as a whole number of days from 0 to 365.')).toBeVisible();
  await expect(settings.billingDialog().getByLabel('Payment terms (days)')).toBeFocused();
  await expectAccessible(page, 'billing settings refused');
  await screenshot(page, 'settings-02-billing-refused');
  await page.keyboard.press('Escape');
  await expect(settings.billingDialog()).toBeHidden();
  await expect(settings.card('Billing')).toContainText('14 days');

  // Then saved: 30 days, and a shorter VAT list typed in any order.
  await settings.editBilling({ paymentTermsDays: '30', vatRates: '0, 25, 12' });
  await expect(settings.card('Billing')).toContainText('30 days');
  await expect(settings.card('Billing').getByTestId('vat-rates')).toHaveText(/^25\s%, 12\s%, 0\s%$/);
  await screenshot(page, 'settings-03-billing-saved');

  // A receptionist joins the staff.
  await settings.addStaff('Rita Resepsjon', ['Reception']);
  await expect(settings.staffRow('Rita Resepsjon')).toContainText('Reception');
  await expectAccessible(page, 'staff card');
  await screenshot(page, 'settings-04-staff-added');

  // The only admin cannot drop their own admin role.
  const astrid = await settings.startEditStaff('Astrid Solberg');
  await astrid.getByRole('checkbox', { name: /^Admin/ }).uncheck();
  await astrid.getByRole('button', { name: 'Save changes' }).click();
  await expect(astrid.getByText("Astrid Solberg is the clinic's only active admin. Give someone else the admin role first, so someone can still change settings and staff.")).toBeVisible();
  await expectAccessible(page, 'last admin refused');
  await screenshot(page, 'settings-05-last-admin-refused');
  await astrid.getByRole('button', { name: 'Cancel' }).click();
  await expect(astrid).toBeHidden();
  await expect(settings.staffRow('Astrid Solberg')).toContainText('Admin');

  // The receptionist reads the same settings and is offered nothing to change.
  // Payment link and reminder settings: a lifetime above Stripe's 24 hours is refused.
  await page.getByRole('button', { name: 'Edit payment link and reminder settings' }).click();
  const pay = page.getByRole('dialog', { name: 'Edit payment link and reminder settings' });
  await pay.getByLabel('Payment link lifetime (hours)').fill('36');
  await pay.getByRole('button', { name: 'Save settings' }).click();
  await expect(pay.getByText('A payment link can live from 1 to 24 hours.')).toBeVisible();
  await expectAccessible(page, 'payment settings refused');
  await pay.getByLabel('Payment link lifetime (hours)').fill('12');
  await pay.getByRole('button', { name: 'Save settings' }).click();
  await expect(pay).toBeHidden();
  await expect(page.getByText('12 hours')).toBeVisible();

  // Rita's first sign-in: she chooses a PIN; a short or guessable one is refused.
  await page.getByRole('button', { name: 'Switch user' }).click();
  const signIn = new SignInPage(page);
  await signIn.expectShown();
  await page.getByRole('button', { name: /^Rita Resepsjon/ }).click();
  const choose = page.getByRole('form', { name: 'Choose your PIN or password' });
  await choose.getByLabel('New PIN').fill('123456');
  await choose.getByLabel('The PIN again').fill('123456');
  await choose.getByRole('button', { name: 'Sign in' }).click();
  await expect(choose.getByText('That PIN is too easy to guess')).toBeVisible();
  await expectAccessible(page, 'choose a PIN refused');
  await screenshot(page, 'settings-06-choose-pin-refused');
  await choose.getByLabel('New PIN').fill('482917');
  await choose.getByLabel('The PIN again').fill('482917');
  await choose.getByRole('button', { name: 'Sign in' }).click();
  await expect(mainNav(page)).toContainText('Signed in: Rita Resepsjon');

  // Switch user asks for the PIN now; a wrong one is refused and nobody is signed in.
  await page.getByRole('button', { name: 'Switch user' }).click();
  await page.getByRole('button', { name: /^Rita Resepsjon/ }).click();
  const enter = page.getByRole('form', { name: 'Sign in' });
  await enter.getByLabel('Your PIN').fill('482918');
  await enter.getByRole('button', { name: 'Sign in' }).click();
  await expect(enter.getByText('That PIN is not right. Try again.')).toBeVisible();
  await expectAccessible(page, 'wrong PIN');
  await screenshot(page, 'settings-07-wrong-pin');
  await enter.getByLabel('Your PIN').fill('482917');
  await enter.getByRole('button', { name: 'Sign in' }).click();
  await expect(mainNav(page)).toContainText('Signed in: Rita Resepsjon');
  await settings.open();
  await expect(settings.card('Billing')).toContainText('30 days');
  await expect(settings.staffRow('Rita Resepsjon')).toBeVisible();
  await expect(settings.editButtons()).toHaveCount(0);
  await expectAccessible(page, 'settings as reception');
  await screenshot(page, 'settings-08-reception');

  // Rita changes her own PIN: the current one first.
  await mainNav(page).getByRole('button', { name: 'Change PIN or password' }).click();
  const change = page.getByRole('dialog', { name: 'Change your PIN or password' });
  await change.getByLabel('Your current PIN').fill('000001');
  await change.getByLabel('New PIN', { exact: true }).fill('739164');
  await change.getByLabel('The new PIN again').fill('739164');
  await change.getByRole('button', { name: 'Change PIN' }).click();
  await expect(change.getByText('That is not your current PIN. Nothing was changed.')).toBeVisible();
  await expect(change.getByLabel('Your current PIN')).toBeFocused();
  await expectAccessible(page, 'change PIN refused');
  await screenshot(page, 'settings-09-change-pin-refused');
  await change.getByLabel('Your current PIN').fill('482917');
  await change.getByRole('button', { name: 'Change PIN' }).click();
  await expect(change).toBeHidden();
  await expect(mainNav(page).getByRole('status')).toHaveText('Your PIN is changed.');

  // The admin gives Rita billing: her PIN is right but no longer enough, so she chooses a password.
  await page.getByRole('button', { name: 'Switch user' }).click();
  await signIn.signIn('Astrid Solberg');
  await settings.open();
  const rita = await settings.startEditStaff('Rita Resepsjon');
  await settings.setRoles(rita, ['Reception', 'Billing']);
  await rita.getByRole('button', { name: 'Save changes' }).click();
  await expect(rita).toBeHidden();
  await page.getByRole('button', { name: 'Switch user' }).click();
  await page.getByRole('button', { name: /^Rita Resepsjon/ }).click();
  await enter.getByLabel('Your PIN').fill('739164');
  await enter.getByRole('button', { name: 'Sign in' }).click();
  const stronger = page.getByRole('form', { name: 'Choose your PIN or password' });
  await expect(stronger.getByRole('status')).toHaveText('Your PIN was right, but it no longer signs you in: Staff with the billing or admin role sign in with a password of at least 10 characters, not a PIN. Choose a new one to go on.');
  await expect(stronger.getByRole('radio', { name: 'A PIN' })).toHaveCount(0);
  await expectAccessible(page, 'stronger secret needed');
  await screenshot(page, 'settings-10-password-needed');
  await stronger.getByLabel('New password').fill('rita-bills-2026');
  await stronger.getByLabel('The password again').fill('rita-bills-2026');
  await stronger.getByRole('button', { name: 'Sign in' }).click();
  await expect(mainNav(page)).toContainText('Signed in: Rita Resepsjon');

  expect(desk.problems).toEqual([]);
  await desk.context.close();
  await host.stop();
});
