/**
 * A client's invoices, money facts and derived account, live: any payment or change
 * from this desk, main or sync re-derives it (shared/domain/ledger.ts).
 */
import { useMemo } from 'react';
import type { ClinicDatabase } from '../../shared/db/database.js';
import { clientFactsQuery, clientInvoicesQuery, type ClientMoney } from '../../shared/db/client-money.js';
import { clientAccount } from '../../shared/domain/ledger.js';
import { useLiveQuery } from './live-query.js';

export function useClientMoney(db: ClinicDatabase, clientId: string | null | undefined): ClientMoney | undefined {
  const invoices = useLiveQuery(() => (clientId ? clientInvoicesQuery(db, clientId) : null), [db, clientId]);
  const facts = useLiveQuery(() => (clientId ? clientFactsQuery(db, clientId) : null), [db, clientId]);
  return useMemo(() => (invoices && facts ? { invoices, facts, account: clientAccount(invoices, facts) } : undefined), [invoices, facts]);
}
