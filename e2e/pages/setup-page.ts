/** Page model: first-run setup. */
import { expect, type Page } from '@playwright/test';
import { syncState } from './main-nav.js';
import { CalendarPage } from './calendar-page.js';
import { activatePayments } from './activation.js';
import { E2E_PASSWORD } from './sign-in-page.js';

export interface SetupValues {
  clinicName: string;
  /** Country code (the Country select's value) and language ('' = the country's). */
  country: string;
  language: string;
  currency: string;
  timeZone: string;
  practitioner: string;
  service: string;
  duration: string;
  price: string;
  vatRate: string;
}

export const OSLO_CLINIC: SetupValues = {
  // An Oslo clinic working in English: English words, Norwegian formats (en-NO). The suites read
  // English; e2e/norwegian-clinic.spec.ts is the clinic in bokmål.
  clinicName: 'Fjordside Fysioterapi', country: 'NO', language: 'en', currency: 'NOK', timeZone: 'Europe/Oslo', practitioner: 'Astrid Solberg',
  service: 'Konsultasjon', duration: '45', price: '750', vatRate: '0',
};

export class SetupPage {
  constructor(readonly page: Page) {}

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Set up your clinic' })).toBeVisible();
  }

  async fill(values: SetupValues): Promise<void> {
    const p = this.page;
    await p.getByLabel('Clinic name').fill(values.clinicName);
    await p.getByLabel('Country').selectOption(values.country);
    await p.getByLabel('Language', { exact: true }).selectOption(values.language);
    await p.getByLabel('Currency').selectOption(values.currency);
    await p.getByLabel('Time zone').selectOption(values.timeZone);
    await p.getByLabel("Practitioner's name").fill(values.practitioner);
    await p.getByLabel('Service name').fill(values.service);
    await p.getByLabel('Duration (minutes)').fill(values.duration);
    await p.getByLabel(/Price incl\. VAT/).fill(values.price);
    await p.getByLabel('VAT rate (%)').fill(values.vatRate);
    await p.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
    await p.getByLabel('The password again').fill(E2E_PASSWORD);
  }

  /** "Host the clinic's sync server on this desk". */
  async hostSyncServer(): Promise<void> {
    await this.page.getByRole('radio', { name: /Host the clinic's sync server on this desk/ }).check();
  }

  async join(serverUrl: string, code: string, deskName: string): Promise<void> {
    await this.page.getByRole('tab', { name: 'Join a clinic that already uses the app' }).click();
    await this.page.getByLabel('Sync server address').fill(serverUrl);
    await this.page.getByLabel('Enrolment code').fill(code);
    await this.page.getByLabel('Name of this desk (optional)').fill(deskName);
    await this.page.getByRole('button', { name: 'Join the clinic' }).click();
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Start using the desk' }).click();
  }

  /**
   * A new clinic whose first desk hosts the sync server; waits until the desk has synced with it.
   * Payments are then activated (Manual, on the sandbox) unless `activate` is false.
   */
  async setUpHostingSyncServer(values: SetupValues = OSLO_CLINIC, options: { activate?: boolean } = {}): Promise<void> {
    await this.expectShown();
    await this.fill(values);
    await this.hostSyncServer();
    await this.submit();
    await expect(syncState(this.page)).toHaveText(/^Synced/, { timeout: 20_000 });
    if (options.activate !== false) await this.activateAndReturn();
  }

  /** Setup; then, for an English clinic unless `activate` is false, payments activated (Manual, on the sandbox). */
  async setUp(values: SetupValues = OSLO_CLINIC, options: { activate?: boolean } = {}): Promise<void> {
    await this.expectShown();
    await this.fill(values);
    await this.submit();
    // The desk's sidebar, in whichever language the clinic works in.
    await expect(this.page.locator('.sidebar')).toBeVisible();
    if (options.activate !== false && values.language === 'en') await this.activateAndReturn();
  }

  /** Activates payments and comes back to the calendar, where setup left the desk. */
  private async activateAndReturn(): Promise<void> {
    await activatePayments(this.page);
    await new CalendarPage(this.page).open();
  }
}
