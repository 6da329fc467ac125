import { describe, expect, it } from 'vitest';
import { createSafeStorageCipher } from './safe-storage-cipher.js';

const storage = (available: boolean, backend: 'basic_text' | 'gnome_libsecret') => ({
  isEncryptionAvailable: () => available,
  getSelectedStorageBackend: () => backend,
  encryptString: (t: string) => Buffer.from(t),
  decryptString: (b: Buffer) => b.toString(),
});

describe('safeStorage cipher', () => {
  it('refuses basic_text on Linux and a missing encryption anywhere', () => {
    expect(createSafeStorageCipher(storage(true, 'basic_text'), 'linux').problem()).toEqual({ id: 'secretStore.noKeyring' });
    expect(createSafeStorageCipher(storage(false, 'gnome_libsecret'), 'win32').problem()).toEqual({ id: 'secretStore.noEncryption' });
    expect(createSafeStorageCipher(storage(true, 'gnome_libsecret'), 'linux').problem()).toBeNull();
    expect(createSafeStorageCipher(storage(true, 'basic_text'), 'darwin').problem()).toBeNull();
  });
});
