import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createClinicDatabase } from '../../../shared/db/database.js';
import { runSetup } from '../../../shared/db/setup-commands.js';
import { createConnections } from './connections.js';
import { hashSecret } from '../staff-auth/secret-hash.js';
import { createStaffAuth } from '../staff-auth/staff-auth.js';
import { createSecretStore, ownerOnlyFile, type SecretCipher } from './secret-store.js';
import { text, type Text } from '../../../shared/i18n/text.js';
import { TEST_DESK } from '../../../shared/test-support/test-clinic.js';

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-'));

/** A reversible stand-in for the OS keychain, so the test can see nothing is stored in clear. */
const fakeKeychain = (problem: Text | null = null): SecretCipher => ({
  kind: 'encrypted',
  problem: () => problem,
  encrypt: (t) => Buffer.from(Buffer.from(t).map((b) => b ^ 0x5a)),
  decrypt: (b) => Buffer.from(b.map((x) => x ^ 0x5a)).toString(),
});

describe('secret store', () => {
  it('keeps credentials encrypted with safeStorage and readable only by the owner', () => {
    const d = dir();
    const store = createSecretStore(d, fakeKeychain());
    store.write({ stripeSecretKey: 'sk_test_abcdefgh12345678' });
    const raw = fs.readFileSync(path.join(d, 'secrets.bin'));
    expect(raw.toString()).not.toContain('sk_test');
    expect(fs.statSync(path.join(d, 'secrets.bin')).mode & 0o777).toBe(0o600);
    expect(createSecretStore(d, fakeKeychain()).read()).toEqual({ stripeSecretKey: 'sk_test_abcdefgh12345678' });
  });

  it('refuses to store anything when the cipher says it cannot keep secrets', () => {
    const store = createSecretStore(dir(), fakeKeychain(text('secretStore.noKeyring')));
    expect(() => store.write({ stripeSecretKey: 'sk_test_abcdefgh12345678' })).toThrow(/no password keyring/);
    expect(store.problem()).toEqual({ id: 'secretStore.noKeyring' });
  });

  it('tells the renderer what is set, never a secret, and lets only admins change it', async () => {
    const db = await createClinicDatabase({ storage: getRxStorageMemory(), name: `secrets-${crypto.randomUUID()}` });
    try {
      const setup = await runSetup(db, { clinicName: 'Fjordside', currency: 'NOK', timeZone: 'Europe/Oslo', practitionerName: 'Astrid Solberg', service: { name: 'Consultation', durationMinutes: '45', price: '750', vatRate: '0' } }, '2026-01-01T08:00:00.000Z', TEST_DESK);
      await db.staff.insert({ ...setup.practitioner, id: 'st-rita', name: 'Rita Resepsjon', roles: ['reception'], sortKey: 3 });
      const auth = createStaffAuth({ privateDir: dir(), database: () => db, deskId: TEST_DESK, synced: () => false, now: () => new Date('2026-01-02T08:00:00.000Z'), hash: (s) => hashSecret(s, { N: 1024, r: 8, p: 1 }) });
      const c = createConnections(createSecretStore(dir(), ownerOnlyFile), (id, action) => auth.requireSignedIn(id, 'admin', action));
      // Nobody signed in in main: the claimed admin id alone is not enough.
      await expect(c.handlers['connections.save']({ staffId: setup.practitioner.id, kind: 'stripe', secretKey: 'sk_test_abcdefgh12345678', returnUrl: 'https://www.fjordside.no/takk' })).rejects.toThrow('Sign in with your PIN or password to change the payment and messaging connections.');
      await auth.handlers['staff.chooseSecret']({ staffId: 'st-rita', kind: 'pin', secret: '482917' });
      await expect(c.handlers['connections.save']({ staffId: 'st-rita', kind: 'stripe', secretKey: 'sk_test_abcdefgh12345678', returnUrl: 'https://www.fjordside.no/takk' })).rejects.toThrow('Rita Resepsjon does not have the admin permission needed to change the payment and messaging connections. Ask someone with admin rights.');
      expect(c.handlers['connections.status']().stripe).toBeNull();
      await auth.handlers['staff.chooseSecret']({ staffId: setup.practitioner.id, kind: 'password', secret: 'fjordside-2026' });
      const status = await c.handlers['connections.save']({ staffId: setup.practitioner.id, kind: 'smtp', host: 'smtp.example.com', port: 587, secure: false, user: 'post', password: 'hunter2-secret', fromAddress: 'post@clinic.no' });
      expect(status.smtp).toEqual({ host: 'smtp.example.com', port: 587, secure: false, user: 'post', fromAddress: 'post@clinic.no' });
      expect(JSON.stringify(status)).not.toContain('hunter2');
      expect(c.secrets().smtp?.password).toBe('hunter2-secret');
      const cleared = await c.handlers['connections.clear']({ staffId: setup.practitioner.id, kind: 'smtp' });
      expect(cleared.smtp).toBeNull();
    } finally {
      await db.close();
    }
  });
});
