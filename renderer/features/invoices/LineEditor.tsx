/**
 * Editing a draft's lines: service (to fill a line), description, quantity, unit price,
 * discount and VAT. Nothing is saved until every line is valid; a refusal names the
 * line and field and focuses it.
 */
import { useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { useLiveQuery } from '../../data/live-query.js';
import { editInvoiceLines } from '../../../shared/db/invoice-commands.js';
import { lineToInput, percentToBp, type LineInput } from '../../../shared/domain/invoice-drafts.js';
import { invoiceTotals } from '../../../shared/domain/invoice-math.js';
import { parseAmount } from '../../../shared/domain/money.js';
import { RefusedError } from '../../../shared/domain/result.js';
import type { InvoiceDoc } from '../../../shared/schemas/index.js';
import { useT } from '../../app/language.js';
import { errorText } from '../../ui/errors.js';
import { moneyInput, withDecimalMark } from '../../ui/money-input.js';
import { StrongIn } from '../../ui/StrongIn.js';

/** One line as the form holds it: text as typed. */
interface Row { key: string; id: string; serviceId: string; description: string; quantity: string; price: string; discountPercent: string; vatRateBp: number }

const toInput = (r: Row): LineInput => ({ id: r.id || undefined, serviceId: r.serviceId, description: r.description, quantity: r.quantity, price: r.price, discountPercent: r.discountPercent, vatRateBp: r.vatRateBp });

const NO_SERVICE = '—';
const REMOVE_MARK = '×';

let rowCounter = 0;
const nextKey = () => `row-${++rowCounter}`;

export function LineEditor({ invoice, onDone }: { invoice: InvoiceDoc; onDone: () => void }) {
  const { db } = useDesk();
  const settings = useSettings();
  const translator = useT();
  const { t, money, rate, locale } = translator;
  const actor = useDeskActor();
  const services = useLiveQuery(() => db.services.find({ selector: { active: true } }), [db]);
  // Amounts and percentages are shown with the reader's decimal mark; both marks are read back.
  const [rows, setRows] = useState<Row[]>(() => invoice.lines.map((l) => {
    const input = lineToInput(l, invoice.currency);
    return { key: nextKey(), id: input.id ?? '', serviceId: input.serviceId ?? '', description: input.description, quantity: String(input.quantity), price: withDecimalMark(String(input.price), locale), discountPercent: withDecimalMark(String(input.discountPercent), locale), vatRateBp: input.vatRateBp };
  }));
  const [error, setError] = useState<{ message: string; field: string | undefined } | null>(null);
  const [busy, setBusy] = useState(false);
  const rates = [...new Set([...settings.vatRatesBp, ...invoice.lines.map((l) => l.vatRateBp)])].sort((a, b) => b - a);

  const update = (key: string, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const addLine = () => setRows((rs) => [...rs, { key: nextKey(), id: '', serviceId: '', description: '', quantity: '1', price: '', discountPercent: '', vatRateBp: settings.vatRatesBp[0] ?? 0 }]);
  const fromService = (key: string, serviceId: string) => {
    const s = services?.find((x) => x.id === serviceId);
    if (!s) return update(key, { serviceId: '' });
    update(key, { serviceId, description: s.name, price: moneyInput(s.priceMinor, invoice.currency, locale), vatRateBp: s.vatRateBp });
  };

  // A running total while typing; lines that do not parse yet count as nothing.
  const preview = invoiceTotals(rows.map((r) => {
    const price = parseAmount(r.price || '0', invoice.currency);
    const discount = percentToBp(r.discountPercent);
    return { quantity: /^\d+$/.test(r.quantity) ? Number(r.quantity) : 0, unitPriceMinor: price.ok ? price.value : 0, discountBp: discount.ok ? discount.value : 0, vatRateBp: r.vatRateBp };
  })).totalMinor;

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await editInvoiceLines(db, invoice.id, rows.map(toInput), actor);
      onDone();
    } catch (err) {
      const field = err instanceof RefusedError ? err.field : undefined;
      setError({ message: errorText(err, translator), field });
      if (field) queueMicrotask(() => document.querySelector<HTMLElement>(`[data-field="${field}"]`)?.focus());
    } finally {
      setBusy(false);
    }
  };
  const invalid = (field: string) => (error?.field === field ? true : undefined);

  return (
    <form className="line-editor" aria-label={t('lines.form')} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      {error && <p className="form-error" role="alert">{error.message}</p>}
      <table className="table line-editor__table">
        <caption className="visually-hidden">{t('lines.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('lines.service')}</th><th scope="col">{t('lines.description')}</th><th scope="col" className="num">{t('lines.qty')}</th>
            <th scope="col" className="num">{t('lines.unitPrice')}</th><th scope="col" className="num">{t('lines.discountPercent')}</th><th scope="col">{t('lines.vat')}</th><th scope="col"><span className="visually-hidden">{t('common.remove')}</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && <tr><td colSpan={7} className="muted">{t('lines.none')}</td></tr>}
          {rows.map((r, i) => (
            <tr key={r.key}>
              <td>
                <select aria-label={t('lines.lineService', { n: i + 1 })} value={r.serviceId} onChange={(e) => fromService(r.key, e.target.value)}>
                  <option value="">{NO_SERVICE}</option>
                  {services?.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
                </select>
              </td>
              <td><input aria-label={t('lines.lineDescription', { n: i + 1 })} data-field={`line-${i}-description`} aria-invalid={invalid(`line-${i}-description`)} value={r.description} maxLength={300} onChange={(e) => update(r.key, { description: e.target.value })} /></td>
              <td className="num"><input aria-label={t('lines.lineQuantity', { n: i + 1 })} data-field={`line-${i}-quantity`} aria-invalid={invalid(`line-${i}-quantity`)} className="input--narrow" inputMode="numeric" value={r.quantity} onChange={(e) => update(r.key, { quantity: e.target.value })} /></td>
              <td className="num"><input aria-label={t('lines.lineUnitPrice', { n: i + 1 })} data-field={`line-${i}-price`} aria-invalid={invalid(`line-${i}-price`)} className="input--money" inputMode="decimal" value={r.price} onChange={(e) => update(r.key, { price: e.target.value })} /></td>
              <td className="num"><input aria-label={t('lines.lineDiscount', { n: i + 1 })} data-field={`line-${i}-discount`} aria-invalid={invalid(`line-${i}-discount`)} className="input--narrow" inputMode="decimal" value={r.discountPercent} onChange={(e) => update(r.key, { discountPercent: e.target.value })} /></td>
              <td>
                <select aria-label={t('lines.lineVat', { n: i + 1 })} data-field={`line-${i}-vat`} aria-invalid={invalid(`line-${i}-vat`)} value={r.vatRateBp} onChange={(e) => update(r.key, { vatRateBp: Number(e.target.value) })}>
                  {rates.map((bp) => <option key={bp} value={bp}>{rate(bp)}</option>)}
                </select>
              </td>
              <td><button type="button" className="icon-button" aria-label={t('lines.removeLine', { n: i + 1 })} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>{REMOVE_MARK}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="line-editor__footer">
        <button type="button" className="button" onClick={addLine}>{t('lines.addLine')}</button>
        <p className="line-editor__total"><StrongIn id="lines.total" name="amount" value={money(preview, invoice.currency)} testId="editor-total" /></p>
      </div>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onDone} disabled={busy}>{t('common.cancel')}</button>
        <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('common.saving') : t('lines.save')}</button>
      </div>
    </form>
  );
}
