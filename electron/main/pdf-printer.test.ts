import { describe, expect, it, vi } from 'vitest';
import { createElectronPrinter, pdfFileName } from './pdf-printer.js';

describe('pdfFileName', () => {
  it.each([
    ['Invoice 12 – Fjordside Physio', 'Invoice 12 – Fjordside Physio.pdf'],
    ['Statement: Anna Berg?', 'Statement Anna Berg.pdf'],
    ['Day sheet 2026-11-20.PDF', 'Day sheet 2026-11-20.PDF'],
    ['..hidden', 'hidden.pdf'],
    ['<>|*', 'Document.pdf'],
  ])('%j → %j', (input, expected) => {
    expect(pdfFileName(input)).toBe(expected);
  });
});

describe('createElectronPrinter', () => {
  it('refuses when the desk window is gone, before rendering anything', async () => {
    const showSaveDialog = vi.fn();
    const printer = createElectronPrinter({ window: () => null, dialog: { showSaveDialog }, defaultDir: () => '/docs' });
    await expect(printer.savePdf('Receipt')).rejects.toThrow(/desk window is not open/);
    expect(showSaveDialog).not.toHaveBeenCalled();
  });
});
