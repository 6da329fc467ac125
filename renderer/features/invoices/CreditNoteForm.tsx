/**
 * Issuing a credit note: the whole invoice, or chosen amounts per line. The data layer
 * refuses anything above what the invoice still charges; the note is numbered in the
 * invoice series.
 */
import { useState } from 'react';
import { useDesk } from '../../app/desk-context.js';
import { useT } from '../../app/language.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { useCommand } from '../../app/use-command.js';
import { createCreditNote } from '../../../shared/db/invoice-commands.js';
import { lineTotals } from '../../../shared/domain/invoice-math.js';
import type { InvoiceAccount } from '../../../shared/domain/ledger.js';
import { RefusedError } from '../../../shared/domain/result.js';
import type { InvoiceDoc } from '../../../shared/schemas/index.js';
import { moneyValue } from '../../../shared/i18n/text.js';
import { errorText } from '../../ui/errors.js';
import { StrongIn } from '../../ui/StrongIn.js';

export function CreditNoteForm({ invoice, account, onDone, onIssued }: { invoice: InvoiceDoc; account: InvoiceAccount; onDone: () => void; onIssued: (noteId: string) => void }) {
  const { db } = useDesk();
  const translator = useT();
  const { t, money } = translator;
  const actor = useDeskActor();
  const nothingCredited = account.creditedMinor === 0;
  const [mode, setMode] = useState<'full' | 'lines'>(nothingCredited ? 'full' : 'lines');
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [error, setError] = useState<{ message: string; field: string | undefined } | null>(null);
  const command = useCommand();
  const busy = command.busy;
  const left = account.chargedMinor - account.creditedMinor;
  const m = (minor: number) => money(minor, invoice.currency);

  const issue = async () => {
    setError(null);
    try {
      // One operation for this form: Issue pressed twice, or again after an error, issues one note.
      const note = await command.run((operation) => createCreditNote(db, invoice.id, mode === 'full' ? { mode: 'full' } : { mode: 'lines', amounts }, { ...actor, operation }));
      if (note) onIssued(note.id);
    } catch (err) {
      setError({ message: errorText(err, translator), field: err instanceof RefusedError ? err.field : undefined });
    }
  };

  return (
    <form className="credit-note-form" aria-label={t('creditNote.title')} onSubmit={(e) => { e.preventDefault(); void issue(); }}>
      <p>{t('creditNote.intro')} <StrongIn id="creditNote.left" name="amount" value={m(left)} />{account.paidMinor > 0 && <> {t('creditNote.paidBecomesCredit')}</>}</p>
      {error && <p className="form-error" role="alert">{error.message}</p>}
      <fieldset className="radio-group">
        <legend>{t('creditNote.what')}</legend>
        <label><input type="radio" name="credit-mode" checked={mode === 'full'} disabled={!nothingCredited} onChange={() => setMode('full')} /> {t('creditNote.whole', { amount: moneyValue(account.chargedMinor, invoice.currency) })}</label>
        <label><input type="radio" name="credit-mode" checked={mode === 'lines'} onChange={() => setMode('lines')} /> {t('creditNote.perLine')}</label>
      </fieldset>
      {mode === 'lines' && (
        <table className="table">
          <caption className="visually-hidden">{t('creditNote.caption')}</caption>
          <thead><tr><th scope="col">{t('creditNote.col.line')}</th><th scope="col" className="num">{t('creditNote.col.charged')}</th><th scope="col" className="num">{t('creditNote.col.credit')}</th></tr></thead>
          <tbody>
            {invoice.lines.map((line, i) => (
              <tr key={line.id}>
                <td>{line.description}</td>
                <td className="num">{m(lineTotals(line).grossMinor)}</td>
                <td className="num">
                  <input className="input--money" inputMode="decimal" aria-label={t('creditNote.lineLabel', { n: i + 1, description: line.description })} aria-invalid={error?.field === `credit-${i}` ? true : undefined}
                    value={amounts[line.id] ?? ''} onChange={(e) => setAmounts((a) => ({ ...a, [line.id]: e.target.value }))} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onDone} disabled={busy}>{t('common.cancel')}</button>
        <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('creditNote.issuing') : t('creditNote.issue')}</button>
      </div>
    </form>
  );
}
