/**
 * A command's documents reach the server together from a real desk (the command outbox,
 * renderer/data/sync/command-outbox.ts; docs/decisions/0032-command-outbox.md). Rita takes a
 * payment on a draft while her desk is offline and still believes she has billing rights; the
 * admin has taken them away on the server meanwhile. The payment is refused, so the server keeps
 * nothing of the command — not the completed invoice, not its log entries — while the desk keeps
 * every fact in Needs attention. Pushed one collection at a time, the log entries would have
 * been taken alone ("Completed to take payment" with no payment).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newOperationId } from '../../shared/db/operations.js';
import { commandDocuments } from '../../shared/db/command-documents.js';
import { readNeedsAttention } from '../../shared/db/needs-attention.js';
import { http, pullAll } from '../support/sync-client.js';
import { clinicWithDesk } from './clinic-with-desk.js';
import { ROUTES, SYNC_HEADERS, type PushResponse } from '../../shared/sync/protocol.js';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol-version.js';
import { text } from '../../shared/i18n/text.js';
import { inEnglish } from '../../shared/i18n/translator.js';
import { describeNotice } from '../../renderer/features/needs-attention/describe-refused.js';
import { refusedContextOf } from '../../renderer/features/needs-attention/refused-context.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function clinicWithBillingDesk(fetchImpl?: typeof fetch) {
  const { server, desk, adminDesk, admin, reception, setup } = await clinicWithDesk(['reception', 'billing'], cleanups, fetchImpl ? { fetchImpl } : {});
  return { server, desk, adminToken: adminDesk.deviceToken, admin, rita: reception, setup };
}

describe('a command pushed whole from a desk', () => {
  it('is taken whole: the payment, the completed and numbered invoice and both log entries', async () => {
    // The first request with the payment's command is told to wait, as when a part names what the
    // server lacks: the status bar names the command by its payment until it is taken.
    let waited = 0;
    const waitOnce: typeof fetch = async (input, init) => {
      if (String(input).endsWith(ROUTES.commands) && waited === 0 && typeof init?.body === 'string' && init.body.includes('"payments"')) {
        waited += 1;
        const { commands } = JSON.parse(init.body) as { commands: { id: string }[] };
        const words = text('push.waitsForCommand');
        const outcomes = commands.map((c) => ({ id: c.id, outcome: 'wait', message: inEnglish(words), text: words }));
        return new Response(JSON.stringify({ outcomes }), { status: 200, headers: { 'content-type': 'application/json', [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION) } });
      }
      return fetch(input, init);
    };
    const { server, desk, adminToken, admin, rita, setup } = await clinicWithBillingDesk(waitOnce);
    const said: string[] = [];
    const watch = desk.replication!.status$.subscribe((s) => { for (const n of s.notices) if (!said.includes(`${n.key} ${n.kind}`)) said.push(`${n.key} ${n.kind}`); });
    cleanups.push(async () => watch.unsubscribe());
    const by = () => ({ actor: rita.id, desk: desk.deskId, synced: true, now: new Date().toISOString() });
    const client = await desk.commands.createClient(desk.db, { firstName: 'Ola', lastName: 'Berg', email: '', phone: '', dateOfBirth: '' }, '2026-01-01', by());
    const { invoice: draft } = await desk.commands.createBooking(desk.db, { clientId: client.id, serviceId: setup.service.id, practitionerId: admin.id, start: new Date().toISOString(), billing: 'manual', confirmOverlap: true }, by());
    const operation = newOperationId();
    const { payment } = await desk.commands.takePayment(desk.db, draft!.id, { method: 'cash', amount: '750', tendered: '' }, { ...by(), operation });
    await desk.replication!.awaitInSync();
    expect(await commandDocuments.read(desk.db)).toEqual([]);
    const invoices = await pullAll(server.url, adminToken, admin.id, 'invoices');
    expect(invoices.find((i) => i.id === draft!.id)).toMatchObject({ status: 'completed', number: 1 });
    expect((await pullAll(server.url, adminToken, admin.id, 'payments')).map((p) => p.id)).toEqual([payment.id]);
    expect((await pullAll(server.url, adminToken, admin.id, 'activity')).filter((e) => String(e.id).startsWith(operation)).map((e) => e.action).sort()).toEqual(['invoice.completed', 'payment.taken']);
    // The number the server gave comes back to the desk.
    await vi.waitFor(async () => expect((await desk.db.invoices.findOne(draft!.id).exec())?.number).toBe(1), { timeout: 15_000 });
    expect(waited).toBe(1);
    expect(said).toContain(`payments/${payment.id} waiting`);
    // One notice per command, by its main part: never its log entries or the invoice it completed.
    expect(said.filter((k) => k.startsWith('activity/') || k.startsWith(`invoices/${draft!.id}`))).toEqual([]);
    expect(desk.replication!.status$.value).toMatchObject({ pending: 0, refusals: [], notices: [], problem: null });
  });

  it('is refused whole when one part is: the server keeps none of it, the desk keeps its facts in Needs attention', async () => {
    const { server, desk, adminToken, admin, rita, setup } = await clinicWithBillingDesk();
    const by = () => ({ actor: rita.id, desk: desk.deskId, synced: true, now: new Date().toISOString() });
    const client = await desk.commands.createClient(desk.db, { firstName: 'Ola', lastName: 'Berg', email: '', phone: '', dateOfBirth: '' }, '2026-01-01', by());
    const { invoice: draft } = await desk.commands.createBooking(desk.db, { clientId: client.id, serviceId: setup.service.id, practitionerId: admin.id, start: new Date().toISOString(), billing: 'manual', confirmOverlap: true }, by());
    await desk.replication!.awaitInSync();
    expect((await pullAll(server.url, adminToken, admin.id, 'invoices')).find((i) => i.id === draft!.id)).toMatchObject({ status: 'draft' });

    // Offline, Rita's desk still believes she has billing; on the server the admin has taken it away.
    await desk.stopSync();
    const stored = (await pullAll(server.url, adminToken, admin.id, 'staff')).find((s) => s.id === rita.id)!;
    const demoted = await http<PushResponse>(`${server.url}${ROUTES.push('staff')}`, { method: 'POST', token: adminToken, staff: admin.id, body: [{ newDocumentState: { ...stored, roles: ['reception'], updatedAt: new Date().toISOString() }, assumedMasterState: stored }] });
    expect(demoted).toMatchObject({ conflicts: [], refusals: [] });
    const operation = newOperationId();
    const { payment } = await desk.commands.takePayment(desk.db, draft!.id, { method: 'cash', amount: '750', tendered: '' }, { ...by(), operation });
    desk.startSync();
    await vi.waitFor(() => expect(desk.replication!.status$.value.refusals.map((r) => r.id)).toContain(payment.id), { timeout: 15_000 });
    await desk.replication!.awaitInSync();

    // Nothing of the command on the server: no payment, the invoice still a draft, no log entry of it.
    expect((await pullAll(server.url, adminToken, admin.id, 'payments')).map((p) => p.id)).not.toContain(payment.id);
    expect((await pullAll(server.url, adminToken, admin.id, 'invoices')).find((i) => i.id === draft!.id)).toMatchObject({ status: 'draft', number: 0 });
    expect((await pullAll(server.url, adminToken, admin.id, 'activity')).filter((e) => String(e.id).startsWith(operation))).toEqual([]);
    // Every fact stays on the desk, each in Needs attention with the reason.
    expect((await desk.db.payments.findOne(payment.id).exec())?.amountMinor).toBe(75_000);
    const attention = await readNeedsAttention(desk.db);
    expect(attention.map((a) => a.key).sort()).toEqual([`activity/${operation}_lg1`, `activity/${operation}_lg2`, `invoices/${draft!.id}`, `payments/${payment.id}`].sort());
    expect(attention.find((a) => a.key === `payments/${payment.id}`)).toMatchObject({ kept: true, code: 'permission_denied', message: expect.stringMatching(/Rita Reception.*billing/) });
    expect(attention.find((a) => a.key === `activity/${operation}_lg1`)).toMatchObject({ kept: true, code: 'command_refused' });
    expect(await commandDocuments.read(desk.db)).toEqual([]);
    // The status bar names the command once, by what Rita entered (the payment), with its own reason.
    const notices = desk.replication!.status$.value.notices;
    expect(notices.map((n) => [n.key, n.kind])).toEqual([[`payments/${payment.id}`, 'refused']]);
    const context = await refusedContextOf(desk.db, 'payments', notices[0]!.sent ?? null);
    expect(inEnglish(describeNotice(notices[0]!, context))).toMatch(/^Payment of NOK\s750\.00 \(Cash\) on invoice \(number pending\) for Ola Berg: Rita Reception does not have the billing permission, so the server did not take this payment\.$/);
  });
});
