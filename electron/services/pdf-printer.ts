/**
 * "Print / Save as PDF" on main's side: the seam an Electron printer plugs into, and the
 * contract handler over it. The browser host has no printer (a plain Node process cannot
 * render the page), so it answers `fallback` and the page opens the browser's own print
 * dialog, which can save as PDF too. Node-only; imported by main-services.
 */
import type { RequestHandlers } from '../../shared/contract/index.js';

export interface PdfPrinter {
  /** Renders the desk window's page to PDF and asks where to save it; `saved: false` when cancelled. */
  savePdf(suggestedName: string): Promise<{ saved: boolean; path: string | null }>;
}

export function printHandlers(printer: PdfPrinter | undefined): Pick<RequestHandlers, 'print.savePdf'> {
  return {
    'print.savePdf': async ({ suggestedName }) => {
      if (!printer) return { saved: false, path: null, fallback: true };
      const result = await printer.savePdf(suggestedName);
      return { saved: result.saved, path: result.saved ? result.path : null, fallback: false };
    },
  };
}
