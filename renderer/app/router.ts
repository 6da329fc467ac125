/**
 * A tiny hash router: routes are "#/calendar", "#/clients", "#/clients/<id>[/<tab>]",
 * "#/checkout/<invoiceId>", "#/day-sheet[/<date>]", "#/print/<kind>/<id>", "#/outbox",
 * "#/attention" and "#/settings". Hash routes work the same under app:// and http://127.0.0.1.
 */
import { useEffect, useState } from 'react';

export type ClientTab = 'details' | 'invoices' | 'ledger';
export type PrintKind = 'invoice' | 'receipt' | 'statement' | 'day-sheet';

export type Route =
  | { name: 'calendar' }
  | { name: 'clients' }
  | { name: 'client'; id: string; tab: ClientTab }
  /** POS checkout for one invoice. */
  | { name: 'checkout'; invoiceId: string }
  /** The clinic's day sheet; `date` is a LocalDate, or '' for today. */
  | { name: 'day-sheet'; date: string }
  /** A clean print view: invoice id, payment id (receipt), client id (statement) or date (day sheet). */
  | { name: 'print'; kind: PrintKind; id: string }
  /** Messages written to the outbox folder (no SMTP server or SMS provider set up). */
  | { name: 'outbox' }
  /** Changes the sync server refused (shared/db/needs-attention.ts). */
  | { name: 'attention' }
  | { name: 'settings' };

const CLIENT_TABS: readonly ClientTab[] = ['details', 'invoices', 'ledger'];
const PRINT_KINDS: readonly PrintKind[] = ['invoice', 'receipt', 'statement', 'day-sheet'];

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'clients' && parts[1]) {
    const tab = CLIENT_TABS.find((t) => t === parts[2]) ?? 'details';
    return { name: 'client', id: parts[1], tab };
  }
  if (parts[0] === 'clients') return { name: 'clients' };
  if (parts[0] === 'checkout' && parts[1]) return { name: 'checkout', invoiceId: parts[1] };
  if (parts[0] === 'day-sheet') return { name: 'day-sheet', date: parts[1] ?? '' };
  if (parts[0] === 'print' && parts[2]) {
    const kind = PRINT_KINDS.find((k) => k === parts[1]);
    if (kind) return { name: 'print', kind, id: parts[2] };
  }
  if (parts[0] === 'settings') return { name: 'settings' };
  if (parts[0] === 'outbox') return { name: 'outbox' };
  if (parts[0] === 'attention') return { name: 'attention' };
  return { name: 'calendar' };
}

export function routeHref(route: Route): string {
  const enc = encodeURIComponent;
  switch (route.name) {
    case 'client':
      return `#/clients/${enc(route.id)}${route.tab === 'details' ? '' : `/${route.tab}`}`;
    case 'checkout':
      return `#/checkout/${enc(route.invoiceId)}`;
    case 'day-sheet':
      return route.date ? `#/day-sheet/${enc(route.date)}` : '#/day-sheet';
    case 'print':
      return `#/print/${route.kind}/${enc(route.id)}`;
    default:
      return `#/${route.name}`;
  }
}

export function navigate(route: Route): void {
  location.hash = routeHref(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
