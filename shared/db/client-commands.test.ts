import { describe, it, expect, afterEach, beforeEach } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createClinicDatabase, type ClinicDatabase } from './database.js';
import { createClient, findClients } from './client-commands.js';
import { RefusedError } from '../domain/result.js';
import type { ClientInput } from '../domain/clients.js';

const TODAY = '2026-11-21';
const NOW = '2026-11-21T09:00:00.000Z';

let db: ClinicDatabase;

beforeEach(async () => {
  db = await createClinicDatabase({ storage: getRxStorageMemory(), name: `clients-${crypto.randomUUID()}` });
});

afterEach(async () => {
  await db.close();
});

const input = (firstName: string, lastName: string, email = '', phone = ''): ClientInput => ({ firstName, lastName, email, phone, dateOfBirth: '' });

async function seed(): Promise<void> {
  await createClient(db, input('Anna', 'Sørensen', 'anna@example.com', '+47 412 34 567'), TODAY, NOW);
  await createClient(db, input('Ola', 'Nordmann', 'ola@post.no', '900 11 222'), TODAY, NOW);
  await createClient(db, input('Kari', 'Nordmann', 'kari@post.no', ''), TODAY, NOW);
  await createClient(db, input('Émile', 'Andersen', '', '020 7946 0958'), TODAY, NOW);
  await createClient(db, input('Anne', 'Berg', 'anne.berg@example.com', ''), TODAY, NOW);
}

const names = (docs: { firstName: string; lastName: string }[]) => docs.map((d) => `${d.firstName} ${d.lastName}`);

describe('createClient', () => {
  it('writes a checked client', async () => {
    const doc = await createClient(db, { firstName: ' Anna ', lastName: 'Sørensen', email: 'anna@example.com', phone: '+47 412 34 567', dateOfBirth: '1984-03-27' }, TODAY, NOW);
    expect(doc).toMatchObject({ firstName: 'Anna', lastName: 'Sørensen', sortName: 'sorensen anna', createdAt: NOW, updatedAt: NOW, updatedBy: 'desk' });
    const stored = await db.clients.findOne(doc.id).exec();
    expect(stored?.toJSON()).toMatchObject({ firstName: 'Anna', email: 'anna@example.com', phone: '+47 412 34 567', dateOfBirth: '1984-03-27' });
  });

  it('refuses an invalid email and writes nothing', async () => {
    const err = await createClient(db, input('Anna', 'Sørensen', 'anna@'), TODAY, NOW).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(RefusedError);
    expect((err as RefusedError).field).toBe('email');
    expect((err as RefusedError).message).toBe('"anna@" is not a valid email address. Check it looks like name@example.com.');
    expect(await db.clients.find().exec()).toHaveLength(0);
  });

  it('refuses a missing name with its field', async () => {
    await expect(createClient(db, input('', 'Sørensen'), TODAY, NOW)).rejects.toMatchObject({ name: 'RefusedError', field: 'firstName' });
    expect(await db.clients.find().exec()).toHaveLength(0);
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
