/**
 * The clinic's credentials for sending and taking money — the Stripe secret key, the SMTP
 * password, the SMS token — kept only in main (docs/design.md invariant 6). The desktop app
 * encrypts them with Electron's safeStorage and refuses to store them when the only
 * backend is `basic_text` (no real encryption); the browser host keeps them in a file only
 * its user can read, and says so. The renderer only ever learns which are set, never a
 * secret. Node-only; used by main's payment service.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RefusedError } from '../../../shared/domain/result.js';
import type { Text } from '../../../shared/i18n/text.js';
import { writePrivateFile } from '../private-files.js';

/** Where each cipher keeps the secrets in the data folder (both 0600: private-files.ts). */
export const SECRET_FILES = { encrypted: 'secrets.bin', file: 'secrets.json' } as const;

export interface SecretCipher {
  /** 'encrypted' (the OS keychain through safeStorage) or 'file' (owner-only, not encrypted). */
  readonly kind: 'encrypted' | 'file';
  /** Why secrets cannot be stored here (`secretStore.*` Texts), or null when they can. */
  problem(): Text | null;
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
}

export interface SmtpSecret {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user: string;
  readonly password: string;
  readonly fromAddress: string;
}

export interface SmsSecret {
  readonly baseUrl: string;
  readonly accountSid: string;
  readonly authToken: string;
  readonly from: string;
}

export interface Secrets {
  readonly stripeSecretKey?: string;
  /** Where Stripe sends the client after paying (not a secret; kept with the key it belongs to). */
  readonly stripeReturnUrl?: string;
  readonly smtp?: SmtpSecret;
  readonly sms?: SmsSecret;
}

/** The plain cipher of the browser host: a file readable only by its owner. */
export const ownerOnlyFile: SecretCipher = {
  kind: 'file',
  problem: () => null,
  encrypt: (text) => Buffer.from(text, 'utf8'),
  decrypt: (data) => data.toString('utf8'),
};

export interface SecretStore {
  readonly kind: SecretCipher['kind'];
  problem(): Text | null;
  read(): Secrets;
  write(next: Secrets): void;
}

export function createSecretStore(dataDir: string, cipher: SecretCipher): SecretStore {
  const file = path.join(dataDir, SECRET_FILES[cipher.kind]);
  return {
    kind: cipher.kind,
    problem: () => cipher.problem(),
    read() {
      try {
        return JSON.parse(cipher.decrypt(fs.readFileSync(file))) as Secrets;
      } catch {
        return {};
      }
    },
    write(next) {
      const problem = cipher.problem();
      if (problem) throw new RefusedError({ text: problem });
      writePrivateFile(file, cipher.encrypt(JSON.stringify(next)));
    },
  };
}
