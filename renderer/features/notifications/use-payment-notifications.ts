/**
 * In-app notifications when a payment link is paid (docs/product.md Settings, Notifications):
 * for admins, and for the booking's practitioner when they have the billing permission.
 * Derived live from the payments by link of the last 14 days (an indexed range on `at`),
 * whoever recorded them — this desk, another, or the sync server from Stripe's webhooks;
 * what was seen is remembered per staff member on this desk.
 */
import { useEffect, useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useSession } from '../../app/session.js';
import { useLiveQuery } from '../../data/live-query.js';
import { hasPermission } from '../../../shared/domain/permissions.js';
import type { PaymentDoc } from '../../../shared/schemas/index.js';
import { formatMoney } from '../../../shared/domain/money.js';
import { deskClock } from '../../app/desk-clock.js';

export interface PaymentNotification {
  readonly id: string;
  readonly at: string;
  readonly summary: string;
  readonly invoiceId: string;
  readonly clientName: string;
  readonly invoiceNumber: number;
}

const seenKey = (staffId: string) => `frontdesk.notifications.seen.${staffId}`;

export function usePaymentNotifications(): { items: PaymentNotification[]; unread: number; markSeen(): void } {
  const { db } = useDesk();
  const { staff } = useSession();
  // Fixed when the desk opens: a fortnight back is plenty for notifications.
  const [since] = useState(() => new Date(deskClock().getTime() - 14 * 86_400_000).toISOString());
  const entries = useLiveQuery(() => db.payments.find({ selector: { at: { $gte: since } }, sort: [{ at: 'desc' }] }), [db, since]);
  const settings = useSettings();
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
        out.push({ id: e.id, at: e.at, summary: `Paid ${formatMoney(e.amountMinor, e.currency, settings.locale)} by payment link`, invoiceId: invoice.id, clientName: client ? `${client.firstName} ${client.lastName}` : 'A client', invoiceNumber: invoice.number });
      }
      if (live) setItems(out);
    })();
    return () => { live = false; };
  }, [db, entries, isAdmin, canBill, staff.id, settings.locale]);

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
