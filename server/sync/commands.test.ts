/**
 * A command's documents are taken whole or not at all (server/sync/commands.ts; issue 12
 * point 2), on PGlite and PostgreSQL: the parts wait for one another across pushes of
 * different collections; one part refused, or in conflict, and none is kept, also when the
 * rest comes later; a repeated push after a lost answer writes nothing twice.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { commandPartKey, type PushRow, type WireDocument } from '../../shared/sync/protocol.js';
import { backends } from '../test-support/backends.js';
import { activityDoc, completedPending, draftInvoice, paymentDoc } from '../test-support/docs.js';
import { addStaff, by, createClinic, insert, insertReferenced, paidBy, pullAll, push, testServer, type TestClinic } from '../test-support/harness.js';

describe.each(backends())('commands at the server on $name', (backend) => {
  let app: FastifyInstance;
  beforeAll(async () => { app = testServer(await backend.freshStore()); });
  afterAll(async () => { await app.close(); await backend.teardown(); });

  async function clinic(): Promise<TestClinic> {
    const c = await createClinic(app);
    await insertReferenced(app, c);
    return c;
  }

  /** Take payment on the draft inv-1: the payment, the invoice's completion and a log entry, as one command. */
  function takePayment(c: TestClinic, actor = c.adminId) {
    const op = randomUUID();
    const payment = paymentDoc(`${op}_pay`, paidBy(c.desk, actor));
    const completion = completedPending(draftInvoice('inv-1'), actor);
    const log = activityDoc(`${op}_lg1`, { entity: 'invoice', entityId: 'inv-1', action: 'payment.taken', summary: 'Paid 750,00 kr', by: actor });
    const parts = [commandPartKey('payments', payment.id), commandPartKey('invoices', 'inv-1'), commandPartKey('activity', log.id)];
    const command = { id: op, parts };
    const row = (doc: WireDocument, assumed?: WireDocument): PushRow => ({ newDocumentState: doc, ...(assumed ? { assumedMasterState: assumed } : {}), command });
    return { op, payment, completion, log, row, parts };
  }
  const ids = async (c: TestClinic, collection: 'payments' | 'activity' | 'invoices') => (await pullAll(app, c.desk, collection)).map((d) => d.id);

  it('keeps the parts waiting until all have come, then writes them together', async () => {
    const c = await clinic();
    const t = takePayment(c);
    const first = await push(app, c.desk, 'payments', [t.row(t.payment)]);
    expect(first.body.refusals).toEqual([expect.objectContaining({ id: t.payment.id, code: 'waits_for_command', retryable: true })]);
    const second = await push(app, c.desk, 'activity', [t.row(t.log)]);
    expect(second.body.refusals.map((r) => r.code)).toEqual(['waits_for_command']);
    // Nothing of the command is in the books yet.
    expect(await ids(c, 'payments')).not.toContain(t.payment.id);
    expect((await pullAll(app, c.desk, 'invoices')).find((d) => d.id === 'inv-1')!.status).toBe('draft');
    // The last part: all three are written now, by this push.
    const last = await push(app, c.desk, 'invoices', [t.row(t.completion, draftInvoice('inv-1'))]);
    expect(last.body).toMatchObject({ conflicts: [], refusals: [], numbered: [expect.objectContaining({ id: 'inv-1', number: 1 })] });
    expect(await ids(c, 'payments')).toContain(t.payment.id);
    expect(await ids(c, 'activity')).toContain(t.log.id);
    const invoice = (await pullAll(app, c.desk, 'invoices')).find((d) => d.id === 'inv-1')!;
    expect(invoice).toMatchObject({ status: 'completed', number: 1 });
    // The answer was lost: the desk pushes every part again. They wait for one another once more,
    // then find themselves taken — nothing is written twice.
    expect((await push(app, c.desk, 'payments', [t.row(t.payment)])).body.refusals.map((r) => r.code)).toEqual(['waits_for_command']);
    expect((await push(app, c.desk, 'activity', [t.row(t.log)])).body.refusals.map((r) => r.code)).toEqual(['waits_for_command']);
    expect((await push(app, c.desk, 'invoices', [t.row(invoice, invoice)])).body).toEqual({ conflicts: [], refusals: [] });
    expect((await ids(c, 'payments')).filter((id) => id === t.payment.id)).toHaveLength(1);
    expect((await pullAll(app, c.desk, 'invoices')).find((d) => d.id === 'inv-1')).toMatchObject({ number: 1 });
  });

  it('keeps none of a command one part of which is refused, and refuses its other parts when they come', async () => {
    const c = await clinic();
    // A receptionist's session recorded a payment (billing is needed); the log entry alone would be fine.
    const rita = await addStaff(app, c, 'Rita Resepsjon', ['reception']);
    const t = takePayment(c, rita);
    await push(app, c.desk, 'activity', [t.row(t.log)]);
    await push(app, c.desk, 'invoices', [t.row(t.completion, draftInvoice('inv-1'))]);
    const res = await push(app, c.desk, 'payments', [t.row(t.payment)]);
    expect(res.body.refusals).toEqual([expect.objectContaining({ id: t.payment.id, code: 'permission_denied' })]);
    expect(await ids(c, 'payments')).not.toContain(t.payment.id);
    expect(await ids(c, 'activity')).not.toContain(t.log.id);
    expect((await pullAll(app, c.desk, 'invoices')).find((d) => d.id === 'inv-1')!.status).toBe('draft');
    // The log entry's collection pushes it again: refused too, with the reason, for good.
    const again = await push(app, c.desk, 'activity', [t.row(t.log)]);
    expect(again.body.refusals).toEqual([expect.objectContaining({ id: t.log.id, code: 'command_refused' })]);
    expect(again.body.refusals[0]!.message).toMatch(/kept none of the changes made with this one/);
    expect(again.body.refusals[0]!.retryable).toBeUndefined();
  });

  it('keeps none of a command made on a record another desk changed meanwhile', async () => {
    const c = await clinic();
    const t = takePayment(c);
    // Another desk edits the draft first.
    const edited = { ...draftInvoice('inv-1'), serviceDate: '2026-03-03', ...by(c.desk) };
    expect((await push(app, c.desk, 'invoices', [{ newDocumentState: edited, assumedMasterState: draftInvoice('inv-1') }])).body.refusals).toEqual([]);
    await push(app, c.desk, 'payments', [t.row(t.payment)]);
    await push(app, c.desk, 'activity', [t.row(t.log)]);
    const res = await push(app, c.desk, 'invoices', [t.row(t.completion, draftInvoice('inv-1'))]);
    expect(res.body.conflicts.map((d) => d.id)).toEqual(['inv-1']);
    expect(res.body.refusals).toEqual([expect.objectContaining({ id: 'inv-1', code: 'command_refused' })]);
    expect(await ids(c, 'payments')).not.toContain(t.payment.id);
    expect(await ids(c, 'activity')).not.toContain(t.log.id);
  });

  it('takes a command whose every part is in one push at once', async () => {
    const c = await clinic();
    const op = randomUUID();
    const logs = [activityDoc(`${op}_lg1`), activityDoc(`${op}_lg2`)];
    const command = { id: op, parts: logs.map((l) => commandPartKey('activity', l.id)) };
    const res = await push(app, c.desk, 'activity', logs.map((l) => ({ newDocumentState: l, command })));
    expect(res.body).toEqual({ conflicts: [], refusals: [] });
    expect(await ids(c, 'activity')).toEqual(expect.arrayContaining(logs.map((l) => l.id)));
  });

  it('refuses a command that is not one: no id, parts that are not documents, or not naming the row', async () => {
    const c = await clinic();
    const log = activityDoc('a-1');
    const bad = async (command: unknown) => (await push(app, c.desk, 'activity', [{ newDocumentState: log, command } as unknown as PushRow])).status;
    expect(await bad({ id: 'nope', parts: ['activity:a-1'] })).toBe(400);
    expect(await bad({ id: randomUUID(), parts: [] })).toBe(400);
    expect(await bad({ id: randomUUID(), parts: ['nothing:a-1'] })).toBe(400);
    expect(await bad({ id: randomUUID(), parts: ['activity:a-2'] })).toBe(400);
    expect(await bad({ id: randomUUID(), parts: ['activity:a-1', 'activity:a-1'] })).toBe(400);
    expect(await bad({ id: randomUUID(), parts: Array.from({ length: 65 }, (_, i) => `activity:a-${i}`) })).toBe(400);
    // And the desk's own work (no command) goes on as before.
    await insert(app, c.desk, 'activity', [log]);
  });
});
