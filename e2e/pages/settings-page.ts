/** Page model: Settings — billing, invoice details, staff, payment links, connections, and the Sync card. */
import { expect, type Locator, type Page } from '@playwright/test';
import { openScreen } from './main-nav.js';

export interface BillingValues {
  process?: 'Automatic' | 'Manual';
  /** Manual mode only. */
  createDraft?: boolean;
  /** As the select shows it: Cash, Card terminal, Bank transfer, Other. */
  altMethod?: string;
  /** A number: that many minutes after the appointment ends; 'after booking': right after booking. */
  sendLink?: number | 'after booking';
  paymentTermsDays?: string;
  vatRates?: string;
}

export type InvoiceDetailsValues = Partial<Record<'Legal name' | 'Display name' | 'Organisation number' | 'Address' | 'Bank account' | 'Support email' | 'Sender name', string>>;

export type RoleLabel = 'Admin' | 'Billing' | 'Reception' | 'Practitioner';

export interface EmailServerValues {
  host: string;
  port: string;
  user: string;
  password: string;
  fromAddress: string;
}

/** The clinic's own thank-you page, where Stripe sends a client after paying. */
export const CLINIC_THANK_YOU_PAGE = 'https://www.fjordside.no/takk';

export class SettingsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await openScreen(this.page, 'Settings');
  }

  async createEnrollmentCode(): Promise<string> {
    await this.page.getByRole('button', { name: 'Create enrolment code' }).click();
    const code = this.page.getByTestId('enrollment-code');
    await expect(code).toHaveText(/^[A-Z0-9]{6,}$/);
    return (await code.textContent())!.trim();
  }

  card(heading: 'Billing' | 'Invoice details' | 'Staff' | 'Connections' | 'Payment links and messages'): Locator {
    return this.page.getByRole('region', { name: heading, exact: true });
  }

  /** Every button that changes settings or staff: Edit (any card or row) and Add staff member. */
  editButtons(): Locator {
    return this.page.getByRole('main').getByRole('button', { name: /^(Edit\b|Add staff member$)/ });
  }

  billingDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Edit billing settings' });
  }

  async startEditBilling(): Promise<void> {
    await this.page.getByRole('button', { name: 'Edit billing settings' }).click();
    await expect(this.billingDialog()).toBeVisible();
  }

  async fillBilling(values: BillingValues): Promise<void> {
    const d = this.billingDialog();
    if (values.process) await d.getByRole('radio', { name: new RegExp(`^${values.process}`) }).check();
    if (values.createDraft !== undefined) await d.getByRole('checkbox', { name: 'Create draft invoice automatically' }).setChecked(values.createDraft);
    if (values.altMethod) await d.getByLabel('Default alternative payment method').selectOption({ label: values.altMethod });
    if (values.sendLink === 'after booking') await d.getByRole('radio', { name: /^Right after booking/ }).check();
    if (typeof values.sendLink === 'number') {
      await d.getByRole('radio', { name: /^After the appointment ends/ }).check();
      await d.getByLabel('Minutes after the appointment ends').fill(String(values.sendLink));
    }
    if (values.paymentTermsDays !== undefined) await d.getByLabel('Payment terms (days)').fill(values.paymentTermsDays);
    if (values.vatRates !== undefined) await d.getByLabel('VAT rates').fill(values.vatRates);
  }

  async saveBilling(): Promise<void> {
    await this.billingDialog().getByRole('button', { name: 'Save billing settings' }).click();
  }

  /** Opens the billing form, fills it, saves, and waits for the card to say so. */
  async editBilling(values: BillingValues): Promise<void> {
    await this.startEditBilling();
    await this.fillBilling(values);
    await this.saveBilling();
    await expect(this.billingDialog()).toBeHidden();
    await expect(this.card('Billing').getByRole('status')).toHaveText('Billing settings saved.');
  }

  invoiceDetailsDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Edit invoice details' });
  }

  async editInvoiceDetails(values: InvoiceDetailsValues): Promise<void> {
    await this.page.getByRole('button', { name: 'Edit invoice details' }).click();
    const d = this.invoiceDetailsDialog();
    await expect(d).toBeVisible();
    for (const [label, value] of Object.entries(values)) await d.getByLabel(label, { exact: true }).fill(value);
    await d.getByRole('button', { name: 'Save invoice details' }).click();
    await expect(d).toBeHidden();
    await expect(this.card('Invoice details').getByRole('status')).toHaveText('Invoice details saved.');
  }

  /** The Staff table's row for this person. */
  staffRow(name: string): Locator {
    return this.card('Staff').getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  staffDialog(title: string | RegExp = /^(Add staff member|Edit )/): Locator {
    return this.page.getByRole('dialog', { name: title });
  }

  async setRoles(dialog: Locator, roles: readonly RoleLabel[]): Promise<void> {
    for (const role of ['Admin', 'Billing', 'Reception', 'Practitioner'] as const) {
      await dialog.getByRole('checkbox', { name: new RegExp(`^${role}`) }).setChecked(roles.includes(role));
    }
  }

  async addStaff(name: string, roles: readonly RoleLabel[], options: { inCalendar?: boolean; email?: string } = {}): Promise<void> {
    await this.card('Staff').getByRole('button', { name: 'Add staff member' }).click();
    const d = this.staffDialog('Add staff member');
    await expect(d).toBeVisible();
    await d.getByLabel('Name', { exact: true }).fill(name);
    if (options.email) await d.getByLabel('Email (optional)').fill(options.email);
    await this.setRoles(d, roles);
    await d.getByRole('checkbox', { name: 'Has a column in the calendar' }).setChecked(options.inCalendar ?? false);
    await d.getByRole('button', { name: 'Add staff member' }).click();
    await expect(d).toBeHidden();
    await expect(this.card('Staff').getByRole('status')).toHaveText(`${name} added.`);
  }

  /** Opens a staff member's form; the caller fills it and saves or closes it. */
  async startEditStaff(name: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Edit ${name}`, exact: true }).click();
    const d = this.staffDialog(`Edit ${name}`);
    await expect(d).toBeVisible();
    return d;
  }

  /** Connections → Add Stripe key: the key goes to main and is never shown again. */
  async addStripeKey(secretKey: string): Promise<void> {
    const card = this.card('Connections');
    await card.getByRole('button', { name: /^(Add|Replace) Stripe key$/ }).click();
    const form = card.getByRole('form', { name: 'Stripe key' });
    await form.getByLabel(/^Stripe secret key/).fill(secretKey);
    // Where Stripe sends the client after paying: the clinic's public page, never this desk (decision 0026).
    await form.getByLabel(/^Page clients see after paying/).fill(CLINIC_THANK_YOU_PAGE);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(card.getByRole('status')).toHaveText('Stripe key saved.');
  }

  async useStripe(): Promise<void> {
    const card = this.card('Connections');
    await card.getByRole('button', { name: 'Use Stripe for payment links' }).click();
    await expect(card.getByRole('status')).toHaveText('Payment links now go through Stripe.');
  }

  async setUpEmailServer(values: EmailServerValues): Promise<void> {
    const card = this.card('Connections');
    await card.getByRole('button', { name: /^(Set up|Change) email server$/ }).click();
    const form = card.getByRole('form', { name: 'Email server' });
    await form.getByLabel('SMTP server').fill(values.host);
    await form.getByLabel(/^Port/).fill(values.port);
    await form.getByLabel('User name').fill(values.user);
    await form.getByLabel('Password').fill(values.password);
    await form.getByLabel('Send from address').fill(values.fromAddress);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(card.getByRole('status')).toHaveText('Email server saved.');
  }

  /** Connections, as a clinic going live does it: the Stripe key, links through Stripe, then the email server. */
  async connectStripeAndEmail(secretKey: string, email: EmailServerValues): Promise<void> {
    await this.addStripeKey(secretKey);
    await this.useStripe();
    await this.setUpEmailServer(email);
  }

  /** Payment links and messages → Edit: the reminder fee and the clinic's "paid by link" email. */
  async editPaymentSettings(values: { reminderFee?: string; notifyClinic?: boolean }): Promise<void> {
    await this.page.getByRole('button', { name: 'Edit payment link and reminder settings' }).click();
    const d = this.page.getByRole('dialog', { name: 'Edit payment link and reminder settings' });
    await expect(d).toBeVisible();
    if (values.reminderFee !== undefined) await d.getByLabel('Reminder fee', { exact: true }).fill(values.reminderFee);
    if (values.notifyClinic !== undefined) await d.getByRole('checkbox', { name: 'Email the clinic when a link is paid' }).setChecked(values.notifyClinic);
    await d.getByRole('button', { name: 'Save settings' }).click();
    await expect(d).toBeHidden();
  }
}
