import { describe, it, expect, afterEach, beforeEach } from 'vitest';
import type { ClinicDatabase } from './database.js';
import { createClient, findClients, updateClient } from './client-commands.js';
import { openTestClinic, TEST_DESK } from '../test-support/test-clinic.js';
import { RefusedError } from '../domain/result.js';
import type { ClientInput } from '../domain/clients.js';
import type { Actor } from '../domain/actor.js';
import { summaryOf } from './activity-log.js';
import { createTranslator } from '../i18n/translator.js';

const TODAY = '2026-11-21';
const NOW = '2026-11-21T09:00:00.000Z';
/** The clinic's admin, signed in on the test desk. */
let BY: Actor;

let db: ClinicDatabase;

beforeEach(async () => {
  const clinic = await openTestClinic('clients');
  db = clinic.db;
  BY = { actor: clinic.admin, desk: TEST_DESK, now: NOW };
});

afterEach(async () => {
  await db.close();
});

const input = (firstName: string, lastName: string, email = '', phone = ''): ClientInput => ({ firstName, lastName, email, phone, dateOfBirth: '' });

async function seed(): Promise<void> {
  await createClient(db, input('Anna', 'Sørensen', 'anna@example.com', '+47 412 34 567'), TODAY, BY);
  await createClient(db, input('Ola', 'Nordmann', 'ola@post.no', '900 11 222'), TODAY, BY);
  await createClient(db, input('Kari', 'Nordmann', 'kari@post.no', ''), TODAY, BY);
  await createClient(db, input('Émile', 'Andersen', '', '020 7946 0958'), TODAY, BY);
  await createClient(db, input('Anne', 'Berg', 'anne.berg@example.com', ''), TODAY, BY);
}

const names = (docs: { firstName: string; lastName: string }[]) => docs.map((d) => `${d.firstName} ${d.lastName}`);

describe('createClient', () => {
  it('writes a checked client', async () => {
    const doc = await createClient(db, { firstName: ' Anna ', lastName: 'Sørensen', email: 'anna@example.com', phone: '+47 412 34 567', dateOfBirth: '1984-03-27' }, TODAY, BY);
    expect(doc).toMatchObject({ firstName: 'Anna', lastName: 'Sørensen', sortName: 'sorensen anna', createdAt: NOW, updatedAt: NOW, updatedBy: BY.actor, deskId: TEST_DESK });
    const stored = await db.clients.findOne(doc.id).exec();
    expect(stored?.toJSON()).toMatchObject({ firstName: 'Anna', email: 'anna@example.com', phone: '+47 412 34 567', dateOfBirth: '1984-03-27' });
  });

  it('refuses an invalid email and writes nothing', async () => {
    const err = await createClient(db, input('Anna', 'Sørensen', 'anna@'), TODAY, BY).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(RefusedError);
    expect((err as RefusedError).field).toBe('email');
    expect((err as RefusedError).message).toBe('"anna@" is not a valid email address. Check it looks like name@example.com.');
    expect(await db.clients.find().exec()).toHaveLength(0);
  });

  it('refuses a missing name with its field', async () => {
    await expect(createClient(db, input('', 'Sørensen'), TODAY, BY)).rejects.toMatchObject({ name: 'RefusedError', field: 'firstName' });
    expect(await db.clients.find().exec()).toHaveLength(0);
  });

  it('needs a signed-in member of staff: a change that names nobody would be refused by the sync server', async () => {
    await expect(createClient(db, input('Anna', 'Sørensen'), TODAY, { ...BY, actor: '' })).rejects.toMatchObject({ name: 'RefusedError', message: 'Sign in as a member of staff to add clients.' });
    await expect(createClient(db, input('Anna', 'Sørensen'), TODAY, { ...BY, actor: 'desk' })).rejects.toBeInstanceOf(RefusedError);
    expect(await db.clients.find().exec()).toHaveLength(0);
  });
});

describe('updateClient', () => {
  let reception: string;
  let admin: string;
  let id: string;
  const ctx = (actor: string, now = NOW) => ({ actor, synced: false, desk: TEST_DESK, now });
  const anna: ClientInput = { firstName: 'Ana', lastName: 'Sørensen', email: 'ana@exmple.com', phone: '', dateOfBirth: '1984-03-27', address: 'Storgata 1, 0155 Oslo' };
  const log = async () => (await db.activity.find({ selector: { entityId: id } }).exec()).map((e) => e.toJSON());

  beforeEach(async () => {
    // One database at a time (RxDB's collection limit): swap the empty one for a set-up clinic.
    await db.close();
    const clinic = await openTestClinic('client-edit');
    ({ db, reception, admin } = clinic);
    BY = { actor: admin, desk: TEST_DESK, now: NOW };
    id = (await createClient(db, anna, TODAY, ctx(admin))).id;
  });

  it('changes every field, re-derives the search fields, and logs what changed', async () => {
    const later = '2026-11-22T10:00:00.000Z';
    const doc = await updateClient(db, id, { firstName: 'Anna', lastName: 'Berg', email: 'anna@example.com', phone: '+47 412 34 567', dateOfBirth: '1984-03-28', address: 'Storgata 2' }, ctx(reception, later));
    expect(doc).toMatchObject({
      firstName: 'Anna', lastName: 'Berg', email: 'anna@example.com', phone: '+47 412 34 567', dateOfBirth: '1984-03-28', address: 'Storgata 2',
      sortName: 'berg anna', createdAt: NOW, updatedAt: later, updatedBy: reception,
    });
    expect(names(await findClients(db, '412 34'))).toEqual(['Anna Berg']);
    expect(await findClients(db, 'sorensen')).toEqual([]);
    expect(await log()).toEqual([expect.objectContaining({
      entity: 'client', action: 'client.updated', at: later, by: reception,
      summary: "Changed Ana Sørensen's details: name: Ana Sørensen → Anna Berg; email: ana@exmple.com → anna@example.com; mobile phone: (empty) → +47 412 34 567; address; date of birth",
    })]);
    const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
    const summary = summaryOf((await log())[0]!);
    expect(typeof summary === 'string' ? summary : nb.t(summary)).toBe(
      'Endret opplysningene til Ana Sørensen: navn: Ana Sørensen → Anna Berg; e-post: ana@exmple.com → anna@example.com; mobil: (tom) → +47 412 34 567; adresse; fødselsdato',
    );
  });

  it('refuses what creating refuses, with the same message and field, and writes nothing', async () => {
    const stored = (await db.clients.findOne(id).exec())!.toJSON();
    for (const [changes, field] of [[{ email: 'anna@' }, 'email'], [{ firstName: ' ' }, 'firstName'], [{ phone: 'call me' }, 'phone']] as const) {
      const edit = { ...anna, ...changes };
      const created = await createClient(db, edit, TODAY, BY).then(() => null, (e: unknown) => e);
      const err = await updateClient(db, id, edit, ctx(reception)).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(RefusedError);
      expect(err).toMatchObject({ field, message: (created as RefusedError).message });
    }
    expect((await db.clients.findOne(id).exec())!.toJSON()).toEqual(stored);
    expect(await log()).toEqual([]);
  });

  it("judges the date of birth against the clinic's today from the command's clock", async () => {
    // 23:30 UTC on 21 November is already 22 November in Oslo.
    await expect(updateClient(db, id, { ...anna, dateOfBirth: '2026-11-22' }, ctx(reception))).rejects.toMatchObject({ field: 'dateOfBirth' });
    await updateClient(db, id, { ...anna, dateOfBirth: '2026-11-22' }, ctx(reception, '2026-11-21T23:30:00.000Z'));
    expect((await db.clients.findOne(id).exec())!.dateOfBirth).toBe('2026-11-22');
  });

  it('writes and logs once for a double click, and not at all when nothing changed', async () => {
    const edit = { ...anna, email: 'anna@example.com' };
    await Promise.all([updateClient(db, id, edit, ctx(reception)), updateClient(db, id, edit, ctx(reception))]);
    await updateClient(db, id, edit, ctx(reception));
    expect(await log()).toHaveLength(1);
    expect((await db.clients.findOne(id).exec())!.email).toBe('anna@example.com');
  });

  it('needs a signed-in, active member of staff', async () => {
    await (await db.staff.findOne(reception).exec())!.incrementalPatch({ active: false });
    await expect(updateClient(db, id, { ...anna, email: 'anna@example.com' }, ctx(reception))).rejects.toMatchObject({
      name: 'RefusedError', message: "Rita Resepsjon is no longer active at the clinic and cannot change a client's details.",
    });
    await expect(updateClient(db, id, anna, ctx(''))).rejects.toMatchObject({ message: "Sign in as a member of staff to change a client's details." });
    expect((await db.clients.findOne(id).exec())!.email).toBe('ana@exmple.com');
  });

  it('refuses a client that no longer exists', async () => {
    await expect(updateClient(db, 'gone', anna, ctx(reception))).rejects.toMatchObject({ message: 'This client no longer exists on this desk.' });
  });
});

describe('findClients', () => {
  it('lists everyone by last name when nothing is typed', async () => {
    await seed();
    expect(names(await findClients(db, ''))).toEqual(['Émile Andersen', 'Anne Berg', 'Kari Nordmann', 'Ola Nordmann', 'Anna Sørensen']);
    expect(names(await findClients(db, '   '))).toHaveLength(5);
  });

  it('finds by part of a name, folding accents and case', async () => {
    await seed();
    expect(names(await findClients(db, 'nord'))).toEqual(['Kari Nordmann', 'Ola Nordmann']);
    expect(names(await findClients(db, 'sorensen'))).toEqual(['Anna Sørensen']);
    expect(names(await findClients(db, 'SØREN'))).toEqual(['Anna Sørensen']);
    expect(names(await findClients(db, 'emile'))).toEqual(['Émile Andersen']);
    expect(names(await findClients(db, 'ann'))).toEqual(['Anne Berg', 'Kari Nordmann', 'Ola Nordmann', 'Anna Sørensen']);
    expect(names(await findClients(db, 'anne'))).toEqual(['Anne Berg']);
    expect(names(await findClients(db, 'ola nord'))).toEqual(['Ola Nordmann']);
    expect(names(await findClients(db, 'zzz'))).toEqual([]);
  });

  it('finds by email', async () => {
    await seed();
    expect(names(await findClients(db, 'post.no'))).toEqual(['Kari Nordmann', 'Ola Nordmann']);
    expect(names(await findClients(db, 'anne.berg@'))).toEqual(['Anne Berg']);
  });

  it('finds by phone however it is spaced', async () => {
    await seed();
    expect(names(await findClients(db, '41234567'))).toEqual(['Anna Sørensen']);
    expect(names(await findClients(db, '412 34'))).toEqual(['Anna Sørensen']);
    expect(names(await findClients(db, '7946-0958'))).toEqual(['Émile Andersen']);
    expect(names(await findClients(db, '90011222'))).toEqual(['Ola Nordmann']);
  });

  it('treats regex characters as plain text', async () => {
    await seed();
    expect(names(await findClients(db, 'a.b'))).toEqual([]);
    expect(names(await findClients(db, '(.*'))).toEqual([]);
  });

  it('stops at the limit, keeping name order', async () => {
    await seed();
    expect(names(await findClients(db, '', 2))).toEqual(['Émile Andersen', 'Anne Berg']);
    expect(names(await findClients(db, 'nordmann', 1))).toEqual(['Kari Nordmann']);
  });
});
