/**
 * Clean print views (#/print/<kind>/<id>): an invoice or credit note, a payment receipt,
 * a client's statement, or the day sheet, on an A4 sheet under the clinic's name. The
 * toolbar (Back, Print / Save as PDF) shows on screen only. Saving asks main: the desktop
 * app writes the PDF itself; the browser host answers `fallback` and the browser's print
 * dialog opens instead (it can save as PDF too). Layout renders this full-page. The toolbar
 * is in the screen's language; a paper for a client in the client's (client-paper.tsx).
 */
import { useEffect, useState, type ComponentType } from 'react';
import { useDesk } from '../../app/desk-context.js';
import { useT } from '../../app/language.js';
import { navigate, type PrintKind } from '../../app/router.js';
import { text, type Text } from '../../../shared/i18n/text.js';
import { DaySheetPrint } from './DaySheetPrint.js';
import { InvoicePrint } from './InvoicePrint.js';
import { ReceiptPrint } from './ReceiptPrint.js';
import { StatementPrint } from './StatementPrint.js';
import type { PrintViewProps } from './print-view.js';
import './print.css';

const VIEWS: Readonly<Record<PrintKind, ComponentType<PrintViewProps>>> = {
  invoice: InvoicePrint,
  receipt: ReceiptPrint,
  statement: StatementPrint,
  'day-sheet': DaySheetPrint,
};

export function PrintScreen({ kind, id }: { kind: PrintKind; id: string }) {
  const { main } = useDesk();
  const { t } = useT();
  // The document's name once it has loaded: the PDF's file name and the page title
  // (Chromium's print dialog names the PDF after the title).
  const [title, setTitle] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: Text; error: boolean } | null>(null);
  const View = VIEWS[kind];

  useEffect(() => {
    if (!title) return;
    const before = document.title;
    document.title = title;
    return () => { document.title = before; };
  }, [title]);

  const back = () => {
    if (history.length > 1) history.back();
    else navigate({ name: 'calendar' });
  };

  const save = async () => {
    if (!title) return;
    setBusy(true);
    setStatus(null);
    try {
      const result = await main.invoke('print.savePdf', { suggestedName: title });
      if (result.fallback) window.print();
      else if (result.saved) setStatus({ text: result.path ? text('print.savedAs', { path: result.path }) : text('print.savedAsPdf'), error: false });
    } catch (err) {
      // Main could not do it (or is not reachable): the browser's own dialog still can.
      const reason = err instanceof Error && err.message ? err.message : text('print.noAnswer');
      setStatus({ text: text('print.notSaved', { reason }), error: true });
      window.print();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="print-page">
      {/* A banner landmark around the toolbar: all content sits in landmarks (axe). */}
      <header className="print-toolbar-banner">
      <div className="print-toolbar" role="toolbar" aria-label={t('common.print')}>
        <button type="button" className="button" onClick={back}>{t('common.back')}</button>
        <button type="button" className="button button--primary" onClick={() => void save()} disabled={!title || busy} aria-busy={busy}>
          {t('print.printOrSave')}
        </button>
        {status && <p className={status.error ? 'form-error print-toolbar__status' : 'print-toolbar__status'} role={status.error ? 'alert' : 'status'}>{t(status.text)}</p>}
      </div>
      </header>
      <main className="print-sheet" id="main">
        {/* The invoice names its seller itself ("From"); each other paper puts the clinic at its top (PrintClinicHeader), in its reader's language. */}
        <View id={id} onTitle={setTitle} />
      </main>
    </div>
  );
}
