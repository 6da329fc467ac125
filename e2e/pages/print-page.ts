/**
 * Page model: a print view (#/print/<kind>/<id>) — invoice, receipt, statement or day
 * sheet — its on-screen toolbar, and the page as a PDF (Playwright's page.pdf(), print
 * CSS applied) with its text for assertions (support/pdf-text.ts).
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { PrintKind } from '../../renderer/app/router.js';
import { pdfText } from '../support/pdf-text.js';

export class PrintPage {
  constructor(readonly page: Page) {}

  /** Opens a print view by its route, as the app's Print links do, and waits until it has loaded. */
  async open(kind: PrintKind, id: string): Promise<void> {
    await this.page.evaluate((hash) => { location.hash = hash; }, `#/print/${kind}/${encodeURIComponent(id)}`);
    await this.waitUntilLoaded();
  }

  toolbar(): Locator {
    return this.page.getByRole('toolbar', { name: 'Print' });
  }

  saveButton(): Locator {
    return this.toolbar().getByRole('button', { name: 'Print / Save as PDF' });
  }

  /** The A4 sheet (what is printed). */
  sheet(): Locator {
    return this.page.getByRole('main');
  }

  /** The save button is enabled once the document has loaded (it names the PDF). */
  async waitUntilLoaded(): Promise<void> {
    await expect(this.saveButton()).toBeEnabled();
  }

  /**
   * The page as an A4 PDF, as "Save as PDF" would write it (print CSS: no toolbar).
   * Headless Chromium only. page.pdf() uses whatever media is emulated, so print is
   * emulated for it and emulation is switched off after.
   */
  async toPdf(): Promise<Buffer> {
    await this.waitUntilLoaded();
    await this.page.emulateMedia({ media: 'print' });
    try {
      return await this.page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await this.page.emulateMedia({ media: null });
    }
  }

  /** The PDF's text, non-breaking spaces as plain spaces (see support/pdf-text.ts). */
  async pdfText(): Promise<string> {
    return pdfText(await this.toPdf());
  }

  /**
   * Clicks "Print / Save as PDF" in the browser host, where main answers `fallback`, and
   * waits for the page to open the browser's print dialog (stubbed, so nothing blocks).
   */
  async saveExpectingPrintDialog(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { print: () => void; __printDialogs: number };
      w.__printDialogs = 0;
      w.print = () => { w.__printDialogs += 1; };
    });
    await this.saveButton().click();
    await expect.poll(() => this.page.evaluate(() => (window as unknown as { __printDialogs: number }).__printDialogs)).toBe(1);
  }

  async back(): Promise<void> {
    await this.toolbar().getByRole('button', { name: 'Back' }).click();
  }
}
