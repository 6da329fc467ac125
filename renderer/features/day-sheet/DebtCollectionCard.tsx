/**
 * Invoices the chasing marked ready for debt collection, with the export a collector
 * needs (CSV, shared/domain/debt-collection.ts; its header in the language of whoever
 * exports). Derived live from the chasing records.
 */
import { useEffect, useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useT } from '../../app/language.js';
import { useLiveQuery } from '../../data/live-query.js';
import { loadClientMoney } from '../../../shared/db/client-money.js';
import { debtCollectionCsv, type DebtCase } from '../../../shared/domain/debt-collection.js';
import { deskClock } from '../../app/desk-clock.js';

export function DebtCollectionCard() {
  const { db } = useDesk();
  const settings = useSettings();
  const translator = useT();
  const { t } = translator;
  // Ready-for-collection markers stay 'sent'; the set of sent requests is small (open links and these).
  const marks = useLiveQuery(() => db.paymentrequests.find({ selector: { status: 'sent', purpose: 'debt_collection' }, sort: [{ status: 'asc' }, { sendAt: 'asc' }] }), [db]);
  const [cases, setCases] = useState<DebtCase[] | null>(null);
  useEffect(() => {
    if (!marks) return;
    let live = true;
    void (async () => {
      const out: DebtCase[] = [];
      for (const mark of marks) {
        const [invoice, client, money$, steps] = await Promise.all([
          db.invoices.findOne(mark.invoiceId).exec(), db.clients.findOne(mark.clientId).exec(), loadClientMoney(db, mark.clientId),
          db.paymentrequests.find({ selector: { invoiceId: mark.invoiceId } }).exec(),
        ]);
        const account = money$.account.accounts.get(mark.invoiceId);
        // Paid, credited or voided since: no longer for the collector.
        if (!invoice || !client || !account || account.balanceMinor <= 0 || invoice.status !== 'completed') continue;
        out.push({ invoice, client, account, steps: steps.filter((s) => s.purpose !== 'payment_link') });
      }
      if (live) setCases(out);
    })();
    return () => { live = false; };
  }, [db, marks]);

  if (!cases || cases.length === 0) return null;
  const total = cases.reduce((s, c) => s + c.account.balanceMinor, 0);
  const href = `data:text/csv;charset=utf-8,${encodeURIComponent(debtCollectionCsv(cases, translator))}`;
  return (
    <section className="card" aria-labelledby="debt-heading">
      <h2 id="debt-heading">{t('chase.step.debtCollection')}</h2>
      <p>{t('debtExport.summary', { count: cases.length, owed: translator.money(total, settings.currency) })}</p>
      <a className="button" href={href} download={t('debtExport.fileName', { date: deskClock().toISOString().slice(0, 10) })}>{t('debtExport.export')}</a>
    </section>
  );
}
