/**
 * What every print view (invoice, receipt, statement, day sheet) gets from PrintScreen,
 * and how it reports the document's name once loaded. Imported by features/print only.
 */
import { useEffect } from 'react';

export interface PrintViewProps {
  /** Invoice id, payment id, client id or LocalDate, by kind. */
  id: string;
  /** The document's name (file name of the PDF); null while loading or when not found. */
  onTitle: (title: string | null) => void;
}

export function usePrintTitle(onTitle: PrintViewProps['onTitle'], title: string | null): void {
  useEffect(() => {
    onTitle(title);
  }, [onTitle, title]);
}
