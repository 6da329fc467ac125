/**
 * Electron's safeStorage as the secret store's cipher (docs/design.md invariant 6): the OS
 * keychain encrypts the clinic's credentials. On Linux without a keyring Electron falls
 * back to `basic_text` — no real encryption — and then credentials are refused rather
 * than stored in a form anyone can read. Imported by electron/main/index.ts only.
 */
import type { SafeStorage } from 'electron';
import type { SecretCipher } from '../services/secrets/secret-store.js';
import { text } from '../../shared/i18n/text.js';

type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

export function createSafeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform): SecretCipher {
  return {
    kind: 'encrypted',
    problem() {
      if (!safeStorage.isEncryptionAvailable()) return text('secretStore.noEncryption');
      if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return text('secretStore.noKeyring');
      return null;
    },
    encrypt: (text) => safeStorage.encryptString(text),
    decrypt: (data) => safeStorage.decryptString(data),
  };
}
