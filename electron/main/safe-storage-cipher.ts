/**
 * Electron's safeStorage as the secret store's cipher (docs/design.md invariant 6): the OS
 * keychain encrypts the clinic's credentials. On Linux without a keyring Electron falls
 * back to `basic_text` — no real encryption — and then credentials are refused rather
 * than stored in a form anyone can read. Imported by electron/main/index.ts only.
 */
import type { SafeStorage } from 'electron';
import type { SecretCipher } from '../services/secrets/secret-store.js';

type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

export function createSafeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform): SecretCipher {
  return {
    kind: 'encrypted',
    problem() {
      if (!safeStorage.isEncryptionAvailable()) return 'This computer offers no way to encrypt saved passwords, so credentials cannot be stored on this desk.';
      if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
        return 'This computer has no password keyring (GNOME Keyring or KWallet), so credentials cannot be stored safely on this desk. Install one and restart.';
      }
      return null;
    },
    encrypt: (text) => safeStorage.encryptString(text),
    decrypt: (data) => safeStorage.decryptString(data),
  };
}
