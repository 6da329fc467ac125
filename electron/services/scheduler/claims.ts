/**
 * Exactly once to the patient (docs/design.md invariant 5): before a message goes out, the
 * sender claims its job — one key per (payment request or dunning step, channel). A
 * claim is final once the provider may have the message: a job that was claimed and
 * never finished (the app died between "provider accepted" and "recorded") is `unknown`
 * and never sent again by itself. A failure that provably delivered nothing releases the
 * claim so the job can be retried.
 *
 * This file store is the claim for a standalone desk: one file per job in a folder,
 * created with O_EXCL — atomic even between processes — and flushed to disk before the
 * send. Enrolled desks claim at the sync server instead (same interface). Node-only;
 * used by main's scheduler.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SendOutcome } from '../messaging/types.js';

/** How a claimed send ended, as the transport reported it. */
export type ClaimOutcome = SendOutcome['outcome'];

export interface ClaimStore {
  /** True when this desk now owns the job; false when it was claimed before. */
  claim(key: string): Promise<boolean>;
  finish(key: string, outcome: ClaimOutcome): Promise<void>;
  /** Claimed but never finished: to be recorded as unknown for staff to review. */
  unfinished(): Promise<string[]>;
}

/** A key as a file name: readable where it is safe, hashed where it is not. */
function fileFor(dir: string, key: string): string {
  const safe = key.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
  return path.join(dir, `${safe}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}.claim`);
}

function writeDurably(file: string, text: string, flags: 'wx' | 'w'): void {
  // Owner-only like every private file (private-files.ts), written here for O_EXCL and fsync; the
  // modes are literal because claims.test.ts runs this module on its own in other processes.
  const fd = fs.openSync(file, flags, 0o600);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function createFileClaimStore(dir: string): ClaimStore {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return {
    async claim(key) {
      try {
        // O_EXCL: of any number of processes, exactly one creates the file.
        writeDurably(fileFor(dir, key), JSON.stringify({ key, state: 'claimed' }), 'wx');
        return true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw err;
      }
    },
    async finish(key, outcome) {
      const file = fileFor(dir, key);
      // Nothing was delivered: the job is free to be claimed and tried again.
      if (outcome === 'failed') fs.rmSync(file, { force: true });
      else {
        const tmp = `${file}.tmp`;
        writeDurably(tmp, JSON.stringify({ key, state: outcome }), 'w');
        fs.renameSync(tmp, file);
      }
    },
    async unfinished() {
      const out: string[] = [];
      for (const name of fs.readdirSync(dir)) {
        if (!name.endsWith('.claim')) continue;
        try {
          const entry = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as { key: string; state: string };
          if (entry.state === 'claimed') out.push(entry.key);
        } catch {
          // A claim file cut short by a crash was created, so its job may have started: unknown.
          out.push(name);
        }
      }
      return out;
    },
  };
}
