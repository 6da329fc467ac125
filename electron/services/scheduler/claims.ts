/**
 * Exactly once to the patient (DESIGN.md invariant 5): before a message goes out, the
 * sender claims its job — one key per (payment request or dunning step, channel). A
 * claim is final once the provider may have the message: a job that was claimed and
 * never finished (the app died between "provider accepted" and "recorded") is `unknown`
 * and never sent again by itself. A failure that provably delivered nothing releases the
 * claim so the job can be retried.
 *
 * This file store is the claim for a standalone desk: one process, an append-only log
 * flushed to disk before the send. Enrolled desks claim at the sync server instead
 * (same interface). Node-only; used by main's scheduler.
 */
import fs from 'node:fs';
import path from 'node:path';

export type ClaimOutcome = 'sent' | 'failed' | 'unknown';

export interface ClaimStore {
  /** True when this desk now owns the job; false when it was claimed before. */
  claim(key: string): Promise<boolean>;
  finish(key: string, outcome: ClaimOutcome): Promise<void>;
  /** Claimed but never finished: to be recorded as unknown for staff to review. */
  unfinished(): Promise<string[]>;
}

type Entry = { key: string; state: 'claimed' | ClaimOutcome };

export function createFileClaimStore(file: string): ClaimStore {
  const state = new Map<string, Entry['state']>();
  try {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const e = JSON.parse(line) as Entry;
        if (e.state === 'failed') state.delete(e.key);
        else state.set(e.key, e.state);
      } catch {
        // A torn last line (crash while appending) is ignored: that claim was never acted on.
      }
    }
  } catch {
    // No log yet.
  }
  const append = (entry: Entry) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fd = fs.openSync(file, 'a');
    try {
      fs.writeSync(fd, `${JSON.stringify(entry)}\n`);
      // On disk before anything is sent: a crash after this cannot lead to a second send.
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  };
  return {
    async claim(key) {
      if (state.has(key)) return false;
      append({ key, state: 'claimed' });
      state.set(key, 'claimed');
      return true;
    },
    async finish(key, outcome) {
      append({ key, state: outcome });
      if (outcome === 'failed') state.delete(key);
      else state.set(key, outcome);
    },
    async unfinished() {
      return [...state.entries()].filter(([, s]) => s === 'claimed').map(([k]) => k);
    },
  };
}
