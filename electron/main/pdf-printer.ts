/**
 * The desktop app's "Save as PDF": Chromium renders the desk window's page (a print view,
 * with its print CSS) to an A4 PDF, staff choose where it goes, and main writes it. Passed
 * to createMainServices by index.ts; Electron's parts are injected so a test can drive it
 * without an Electron binary. Only electron/main may touch Electron (types only here).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import type { PdfPrinter } from '../services/pdf-printer.js';

export interface ElectronPrinterDeps {
  /** The desk window (the only window that may ask, see index.ts), or null once closed. */
  readonly window: () => Pick<BrowserWindow, 'isDestroyed' | 'webContents'> | null;
  readonly dialog: Pick<Dialog, 'showSaveDialog'>;
  /** Where the save dialog opens: the user's Documents folder. */
  readonly defaultDir: () => string;
  readonly writeFile?: (file: string, data: Uint8Array) => Promise<void>;
}

/** A safe file name from the page's suggestion: no path, no characters Windows refuses, ends in .pdf. */
export function pdfFileName(suggested: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = suggested.replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().replace(/^\.+/, '').slice(0, 150).trim();
  const name = clean === '' ? 'Document' : clean;
  return /\.pdf$/i.test(name) ? name : `${name}.pdf`;
}

export function createElectronPrinter(deps: ElectronPrinterDeps): PdfPrinter {
  const writeFile = deps.writeFile ?? ((file: string, data: Uint8Array) => fs.writeFile(file, data));
  return {
    async savePdf(suggestedName) {
      const win = deps.window();
      if (!win || win.isDestroyed()) throw new Error('The desk window is not open.');
      // Rendered before the dialog opens: the PDF is the page as it was when staff clicked.
      const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
      const choice = await deps.dialog.showSaveDialog(win as BrowserWindow, {
        title: 'Save as PDF',
        defaultPath: path.join(deps.defaultDir(), pdfFileName(suggestedName)),
        filters: [{ name: 'PDF document', extensions: ['pdf'] }],
      });
      if (choice.canceled || !choice.filePath) return { saved: false, path: null };
      await writeFile(choice.filePath, pdf);
      return { saved: true, path: choice.filePath };
    },
  };
}
