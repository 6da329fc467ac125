/**
 * Main's calls to the sync server refuse with the server's Text, read as input: a Text this
 * desk cannot read, or a server from before languages, gives the server's English words instead.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RefusedError } from '../../../shared/domain/result.js';
import { createTranslator } from '../../../shared/i18n/translator.js';
import { enrollDesk, type ServerRefusal } from './sync-admin.js';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
});

/** A server that answers every request with `status` and `body`. */
async function answering(status: number, body: string): Promise<string> {
  const server = http.createServer((_req, res) => res.writeHead(status, { 'content-type': 'application/json' }).end(body));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const refusalOf = (p: Promise<unknown>) => p.then(() => { throw new Error('not refused'); }, (err: unknown) => err as ServerRefusal);
const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });

describe("main's calls to the sync server", () => {
  it("refuses with the server's Text, which each reader's desk words in its language", async () => {
    const url = await answering(400, JSON.stringify({ error: { code: 'enrollment_code_invalid', message: 'That enrolment code is not right. Check it for typing mistakes, or ask an admin for a new one.', text: { id: 'enrol.codeInvalid' } } }));
    const refusal = await refusalOf(enrollDesk(url, 'abcd2345', 'Desk 2', 'desk-2'));
    expect(refusal).toBeInstanceOf(RefusedError);
    expect(refusal).toMatchObject({ status: 400, text: { id: 'enrol.codeInvalid' }, message: 'That enrolment code is not right. Check it for typing mistakes, or ask an admin for a new one.' });
    expect(nb.t(refusal.text)).toBe('Den registreringskoden er ikke riktig. Se etter skrivefeil, eller be en administrator om en ny.');
  });

  it('trusts no Text it cannot read, and gives the words of a server from before languages as they are', async () => {
    for (const text of [{ id: 'no.such.message' }, { id: 'enrol.codeInvalid', values: { x: 'y'.repeat(5000) } }, 'enrol.codeInvalid', null]) {
      const url = await answering(410, JSON.stringify({ error: { code: 'enrollment_code_used', message: 'That code was used.', text } }));
      const refusal = await refusalOf(enrollDesk(url, 'abcd2345', 'Desk 2', 'desk-2'));
      expect(refusal.text, JSON.stringify(text)).toEqual({ id: 'connection.serverWords', values: { message: 'That code was used.' } });
      expect(refusal.message).toBe('That code was used.');
    }
    const notOurs = await refusalOf(enrollDesk(await answering(502, '<html>Bad gateway</html>'), 'abcd2345', 'Desk 2', 'desk-2'));
    expect(notOurs).toMatchObject({ status: 502, message: 'The sync server answered 502.' });
    expect(nb.t(notOurs.text)).toBe('Synkroniseringsserveren svarte 502.');
  });

  it('says so when the address is not one, or nothing answers there', async () => {
    const bad = await refusalOf(enrollDesk('not an address', 'abcd2345', 'Desk 2', 'desk-2'));
    expect(bad).toMatchObject({ status: 0, message: '"not an address" is not a server address. It looks like http://192.168.1.20:4318.' });
    const down = await refusalOf(enrollDesk('http://127.0.0.1:9/', 'abcd2345', 'Desk 2', 'desk-2'));
    expect(down.message).toBe('The sync server at 127.0.0.1:9 cannot be reached. Check the address and that the server is running.');
    expect(nb.t(down.text)).toBe('Synkroniseringsserveren på 127.0.0.1:9 kan ikke nås. Sjekk adressen og at serveren kjører.');
  });
});
