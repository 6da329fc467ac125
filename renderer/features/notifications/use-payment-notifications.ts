/**
 * In-app notifications when a payment link is paid (docs/product.md Settings, Notifications):
 * for admins, and for the booking's practitioner when they have the billing permission.
 * Derived live from the payments by link of the last 14 days (an indexed range on `at`),
 * whoever recorded them — this desk, another, or the sync server from Stripe's webhooks;
 * what was seen is remembered per staff member on this desk.
 */
import { useEffect, useState } from 'react';
import { useDesk } from '../../app/desk-context.js';
import { useSession } from '../../app/session.js';
import { useLiveQuery } from '../../data/live-query.js';
import { hasPermission } from '../../../shared/domain/permissions.js';
import type { PaymentDoc } from '../../../shared/schemas/index.js';
import { moneyValue, text, type Text } from '../../../shared/i18n/text.js';
import { deskClock } from '../../app/desk-clock.js';

export interface PaymentNotification {
  readonly id: string;
  readonly at: string;
  /** What came in ("Paid 750,00 kr by payment link"), for the reader's Translator. */
  readonly summary: Text;
  readonly invoiceId: string;
  /** The client's name, or null when the client is no longer on this desk. */
  readonly clientName: string | null;
  readonly invoiceNumber: number;
}

const seenKey = (staffId: string) => `frontdesk.notifications.seen.${staffId}`;

export function usePaymentNotifications(): { items: PaymentNotification[]; unread: number; markSeen(): void } {
  const { db } = useDesk();
  const { staff } = useSession();
  // Fixed when the desk opens: a fortnight back is plenty for notifications.
  const [since] = useState(() => new Date(deskClock().getTime() - 14 * 86_400_000).toISOString());
  const entries = useLiveQuery(() => db.payments.find({ selector: { at: { $gte: since } }, sort: [{ at: 'desc' }] }), [db, since]);
  const [items, setItems] = useState<PaymentNotification[]>([]);
  const [seen, setSeen] = useState(() => localStorage.getItem(seenKey(staff.id)) ?? '');
  const isAdmin = hasPermission(staff.roles, 'admin');
  const canBill = hasPermission(staff.roles, 'billing');

  useEffect(() => {
    if (!entries) return;
    let live = true;
    const paid = entries.filter((p: PaymentDoc) => p.kind === 'payment' && p.method === 'payment_link');
    void (async () => {
      const out: PaymentNotification[] = [];
      for (const e of paid) {
        const invoice = await db.invoices.findOne(e.invoiceId).exec();
        if (!invoice) continue;
        const booking = invoice.bookingId ? await db.bookings.findOne(invoice.bookingId).exec() : null;
        const mine = canBill && booking?.practitionerId === staff.id;
        if (!isAdmin && !mine) continue;
        const client = await db.clients.findOne(invoice.clientId).exec();
        out.push({ id: e.id, at: e.at, summary: text('notify.paidByLink', { amount: moneyValue(e.amountMinor, e.currency) }), invoiceId: invoice.id, clientName: client ? `${client.firstName} ${client.lastName}` : null, invoiceNumber: invoice.number });
      }
      if (live) setItems(out);
    })();
    return () => { live = false; };
  }, [db, entries, isAdmin, canBill, staff.id]);

  return {
    items,
    unread: items.filter((i) => i.at > seen).length,
    markSeen() {
      const latest = items[0]?.at ?? deskClock().toISOString();
      localStorage.setItem(seenKey(staff.id), latest);
      setSeen(latest);
    },
  };
}
