/**
 * Single-use opening codes (decision 0019): the launcher puts one in the URL it opens the
 * browser at, and the host's first answer trades it for the session cookie. A browser's
 * command line can be read by every user of the machine, so a code is worth nothing once
 * used, nor after CODE_LIFETIME_MS. Codes live in this process's memory only: a restarted
 * host knows none. Node-only; used by host-server.ts.
 */
import crypto from 'node:crypto';
import { constantTimeEqual } from './session-key.js';

/** Long enough for Chromium to start on a busy machine, short enough to be useless later. */
export const CODE_LIFETIME_MS = 30_000;

export type Redeemed = 'admitted' | 'used' | 'expired' | 'unknown';

interface Issued {
  readonly code: string;
  readonly expiresAt: number;
  used: boolean;
}

export interface OpeningCodes {
  issue(): string;
  /** Marks the code used when it is admitted; any other outcome changes nothing. */
  redeem(candidate: string): Redeemed;
}

export function createOpeningCodes(now: () => Date, lifetimeMs = CODE_LIFETIME_MS): OpeningCodes {
  const issued: Issued[] = [];
  const forgetOld = (at: number) => {
    // Kept a while after expiry only to tell "used"/"expired" apart in the host's log.
    for (let i = issued.length - 1; i >= 0; i--) if (issued[i]!.expiresAt + lifetimeMs < at) issued.splice(i, 1);
  };
  return {
    issue() {
      const at = now().getTime();
      forgetOld(at);
      const code = crypto.randomBytes(24).toString('base64url');
      issued.push({ code, expiresAt: at + lifetimeMs, used: false });
      return code;
    },
    redeem(candidate) {
      const at = now().getTime();
      forgetOld(at);
      // Every entry is compared, in constant time, so the time taken says nothing about a near miss.
      let match: Issued | undefined;
      for (const entry of issued) if (constantTimeEqual(entry.code, candidate)) match = entry;
      if (!match) return 'unknown';
      if (match.used) return 'used';
      if (at >= match.expiresAt) return 'expired';
      match.used = true;
      return 'admitted';
    },
  };
}
