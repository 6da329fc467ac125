/**
 * Issuing a credit note: the whole invoice, or chosen amounts per line. The data layer
 * refuses anything above what the invoice still charges; the note is numbered in the
 * invoice series.
 */
import { useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { useCommand } from '../../app/use-command.js';
import { createCreditNote } from '../../../shared/db/invoice-commands.js';
import { lineTotals } from '../../../shared/domain/invoice-math.js';
import type { InvoiceAccount } from '../../../shared/domain/ledger.js';
import { RefusedError } from '../../../shared/domain/result.js';
import type { InvoiceDoc } from '../../../shared/schemas/index.js';
import { errorText } from '../../ui/errors.js';
import { money } from '../../ui/format.js';

export function CreditNoteForm({ invoice, account, onDone, onIssued }: { invoice: InvoiceDoc; account: InvoiceAccount; onDone: () => void; onIssued: (noteId: string) => void }) {
  const { db } = useDesk();
  const settings = useSettings();
  const actor = useDeskActor();
  const nothingCredited = account.creditedMinor === 0;
  const [mode, setMode] = useState<'full' | 'lines'>(nothingCredited ? 'full' : 'lines');
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [error, setError] = useState<{ message: string; field: string | undefined } | null>(null);
  const command = useCommand();
  const busy = command.busy;
  const left = account.chargedMinor - account.creditedMinor;
  const m = (minor: number) => money(minor, invoice.currency, settings);

  const issue = async () => {
    setError(null);
    try {
      // One operation for this form: Issue pressed twice, or again after an error, issues one note.
      const note = await command.run((operation) => createCreditNote(db, invoice.id, mode === 'full' ? { mode: 'full' } : { mode: 'lines', amounts }, { ...actor, operation }));
      if (note) onIssued(note.id);
    } catch (err) {
      setError({ message: errorText(err), field: err instanceof RefusedError ? err.field : undefined });
    }
  };

  return (
    <form className="credit-note-form" aria-label="Credit note" onSubmit={(e) => { e.preventDefault(); void issue(); }}>
      <p>A credit note takes back what this invoice charged; the invoice itself never changes. Left to credit: <strong>{m(left)}</strong>.{account.paidMinor > 0 && ' Money already paid on what you credit becomes client credit, to use or refund.'}</p>
      {error && <p className="form-error" role="alert">{error.message}</p>}
      <fieldset className="radio-group">
        <legend>What to credit</legend>
        <label><input type="radio" name="credit-mode" checked={mode === 'full'} disabled={!nothingCredited} onChange={() => setMode('full')} /> The whole invoice ({m(account.chargedMinor)})</label>
        <label><input type="radio" name="credit-mode" checked={mode === 'lines'} onChange={() => setMode('lines')} /> Amounts per line</label>
      </fieldset>
      {mode === 'lines' && (
        <table className="table">
          <caption className="visually-hidden">Amount to credit per line</caption>
          <thead><tr><th scope="col">Line</th><th scope="col" className="num">Charged</th><th scope="col" className="num">Credit</th></tr></thead>
          <tbody>
            {invoice.lines.map((line, i) => (
              <tr key={line.id}>
                <td>{line.description}</td>
                <td className="num">{m(lineTotals(line).grossMinor)}</td>
                <td className="num">
                  <input className="input--money" inputMode="decimal" aria-label={`Credit for line ${i + 1}, ${line.description}`} aria-invalid={error?.field === `credit-${i}` ? true : undefined}
                    value={amounts[line.id] ?? ''} onChange={(e) => setAmounts((a) => ({ ...a, [line.id]: e.target.value }))} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onDone} disabled={busy}>Cancel</button>
        <button type="submit" className="button button--primary" disabled={busy}>{busy ? 'Issuing…' : 'Issue credit note'}</button>
      </div>
    </form>
  );
}
