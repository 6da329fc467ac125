/**
 * POST /v1/sync/commands (WIP): a command with every part in one request is taken whole, or
 * refused whole with the server's state of each record to take back, or told to wait.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ROUTES, type WireDocument } from '../../shared/sync/protocol.js';
import { backends } from '../test-support/backends.js';
import { activityDoc, completedPending, draftInvoice, paymentDoc } from '../test-support/docs.js';
import { addStaff, call, createClinic, insertReferenced, paidBy, pullAll, testServer, type TestClinic } from '../test-support/harness.js';
import type { CommandOutcome } from '../../shared/sync/protocol.js';

describe.each(backends())('whole commands on $name', (backend) => {
  let app: FastifyInstance;
  beforeAll(async () => { app = testServer(await backend.freshStore()); });
  afterAll(async () => { await app.close(); await backend.teardown(); });

  function takePayment(c: TestClinic, actor = c.adminId, invoiceId = 'inv-1') {
    const op = randomUUID();
    const part = (collection: string, newDocumentState: WireDocument, assumedMasterState?: WireDocument) => ({ collection, newDocumentState, ...(assumedMasterState ? { assumedMasterState } : {}) });
    return {
      op,
      body: { commands: [{ id: op, parts: [
        part('payments', paymentDoc(`${op}_pay`, { ...paidBy(c.desk, actor), invoiceId })),
        part('invoices', completedPending(draftInvoice(invoiceId), actor), draftInvoice(invoiceId)),
        part('activity', activityDoc(`${op}_lg1`, { entity: 'invoice', entityId: invoiceId, action: 'payment.taken', by: actor })),
      ] }] },
    };
  }
  const send = async (c: TestClinic, body: unknown) => call<{ outcomes: CommandOutcome[] }>(app, 'POST', ROUTES.commands, { desk: c.desk, body });

  it('takes every part in one go', async () => {
    const c = await createClinic(app);
    await insertReferenced(app, c);
    const t = takePayment(c);
    const res = await send(c, t.body);
    expect(res.status).toBe(200);
    expect(res.body.outcomes).toEqual([expect.objectContaining({ id: t.op, outcome: 'taken', numbered: [expect.objectContaining({ id: 'inv-1', number: 1 })] })]);
    expect((await pullAll(app, c.desk, 'payments')).map((d) => d.id)).toContain(`${t.op}_pay`);
    // Again (a lost answer): taken, nothing twice.
    expect((await send(c, t.body)).body.outcomes[0]!.outcome).toBe('taken');
    expect((await pullAll(app, c.desk, 'payments')).filter((d) => d.id === `${t.op}_pay`)).toHaveLength(1);
  });

  it('refuses every part when one is refused, with the server state of the records to take back', async () => {
    const c = await createClinic(app);
    await insertReferenced(app, c);
    const rita = await addStaff(app, c, 'Rita Resepsjon', ['reception']);
    const t = takePayment(c, rita);
    const res = await send(c, t.body);
    const outcome = res.body.outcomes[0]!;
    expect(outcome.outcome).toBe('refused');
    if (outcome.outcome !== 'refused') return;
    expect(outcome.refusals).toHaveLength(3);
    expect(outcome.refusals.map((r) => r.code)).toContain('permission_denied');
    expect(outcome.refusals.every((r) => r.code === 'permission_denied' || r.code === 'command_refused')).toBe(true);
    expect(outcome.serverStates).toEqual([{ collection: 'invoices', document: expect.objectContaining({ id: 'inv-1', status: 'draft' }) }]);
    expect((await pullAll(app, c.desk, 'payments')).map((d) => d.id)).not.toContain(`${t.op}_pay`);
    expect((await pullAll(app, c.desk, 'activity')).map((d) => d.id)).not.toContain(`${t.op}_lg1`);
    // Sent again, it stays refused.
    expect((await send(c, t.body)).body.outcomes[0]!.outcome).toBe('refused');
  });

  it('lets a command wait when a part names what the server does not hold yet', async () => {
    const c = await createClinic(app);
    await insertReferenced(app, c, { invoice: false });
    const t = takePayment(c, c.adminId, 'inv-later');
    // Its payment names a client whose record has not reached the server yet.
    (t.body.commands[0]!.parts[0]!.newDocumentState as WireDocument).clientId = 'client-later';
    const res = await send(c, t.body);
    expect(res.body.outcomes[0]!.outcome).toBe('wait');
    expect((await pullAll(app, c.desk, 'payments')).map((d) => d.id)).not.toContain(`${t.op}_pay`);
  });

  it('refuses a body that is not commands', async () => {
    const c = await createClinic(app);
    expect((await send(c, {})).status).toBe(400);
    expect((await send(c, { commands: [{ id: 'x', parts: [] }] })).status).toBe(400);
    expect((await send(c, { commands: [{ id: randomUUID(), parts: [{ collection: 'nope', newDocumentState: activityDoc('a') }] }] })).status).toBe(404);
  });
});
