/** Page model: the client list, the new-client form and a client's record. */
import { expect, type Locator, type Page } from '@playwright/test';
import { openScreen } from './main-nav.js';

export interface ClientValues {
  firstName: string;
  lastName: string;
  email?: string;
  phone?: string;
  dateOfBirth?: string;
  address?: string;
}

export class ClientsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await openScreen(this.page, 'Clients');
  }

  dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'New client' });
  }

  async fillNewClient(values: ClientValues): Promise<void> {
    const d = this.dialog();
    await d.getByLabel('First name').fill(values.firstName);
    await d.getByLabel('Last name').fill(values.lastName);
    await d.getByLabel('Email').fill(values.email ?? '');
    await d.getByLabel('Mobile phone').fill(values.phone ?? '');
    if (values.address) await d.getByLabel('Address (optional)').fill(values.address);
    if (values.dateOfBirth) await d.getByLabel('Date of birth (optional)').fill(values.dateOfBirth);
  }

  async startNewClient(): Promise<void> {
    await this.page.getByRole('button', { name: 'New client' }).first().click();
    await expect(this.dialog()).toBeVisible();
  }

  async saveNewClient(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Save client' }).click();
  }

  async create(values: ClientValues): Promise<void> {
    await this.startNewClient();
    await this.fillNewClient(values);
    await this.saveNewClient();
    await expect(this.page.getByRole('heading', { name: `${values.firstName} ${values.lastName}`, level: 1 })).toBeVisible();
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('Find a client').fill(text);
  }

  async openClient(name: string): Promise<ClientRecordPage> {
    await this.page.getByRole('link', { name }).click();
    return new ClientRecordPage(this.page);
  }
}

export class ClientRecordPage {
  constructor(readonly page: Page) {}

  editDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Edit client details' });
  }

  async startEdit(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Details' }).click();
    await this.page.getByRole('button', { name: 'Edit details' }).click();
    await expect(this.editDialog()).toBeVisible();
  }

  /** Changes only the fields given, then saves. */
  async fillEdit(values: Partial<ClientValues>): Promise<void> {
    const d = this.editDialog();
    const labels: Record<keyof ClientValues, string> = {
      firstName: 'First name', lastName: 'Last name', email: 'Email', phone: 'Mobile phone', address: 'Address (optional)', dateOfBirth: 'Date of birth (optional)',
    };
    for (const [field, value] of Object.entries(values) as [keyof ClientValues, string][]) await d.getByLabel(labels[field]).fill(value);
  }

  async saveEdit(): Promise<void> {
    await this.editDialog().getByRole('button', { name: 'Save changes' }).click();
  }

  details(): Locator {
    return this.page.locator('dl.details');
  }

  log(): Locator {
    return this.page.getByRole('list', { name: 'Client log' });
  }

  async openInvoicesTab(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Invoices' }).click();
    await expect(this.page.getByRole('tab', { name: 'Invoices' })).toHaveAttribute('aria-selected', 'true');
  }

  list(name: 'Active' | 'Settled'): Locator {
    return this.page.getByRole('region', { name: new RegExp(`^${name}`) });
  }

  async openLedgerTab(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Ledger' }).click();
    await expect(this.page.getByRole('tab', { name: 'Ledger' })).toHaveAttribute('aria-selected', 'true');
  }

  ledgerRows(): Locator {
    return this.page.getByRole('table', { name: 'Ledger, oldest first' }).locator('tbody tr');
  }

  async openInvoice(row: string | RegExp, list: 'Active' | 'Settled' = 'Active'): Promise<Locator> {
    await this.list(list).getByRole('button', { name: row }).first().click();
    const dialog = this.page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    return dialog;
  }
}
