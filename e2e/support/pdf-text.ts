/**
 * The text of a PDF, for e2e checks of the print views (invoice, receipt, statement, day
 * sheet) after Playwright's page.pdf(). Node-only; imported by e2e specs and page models.
 * unpdf bundles PDF.js with no native parts and no install step, so it works offline.
 */
import { extractText } from 'unpdf';

/**
 * Non-breaking and thin spaces (Intl puts them in "1 400,00 kr") as plain spaces, so an
 * expected text written with ordinary spaces, or made with money(), compares equal.
 */
export function normalizeSpaces(text: string): string {
  return text.replace(/[\u00a0\u2007\u2009\u202f]/g, ' ');
}

/** Every page's text in order, lines separated by "\n"; spaces normalised (normalizeSpaces). */
export async function pdfText(buffer: Buffer): Promise<string> {
  // A copy: PDF.js may transfer (detach) the bytes it is given, and the caller keeps its
  // Buffer. Given bytes, unpdf opens the document and destroys it when done.
  const { text } = await extractText(new Uint8Array(buffer), { mergePages: true });
  return normalizeSpaces(text);
}
