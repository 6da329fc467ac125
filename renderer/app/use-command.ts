/**
 * One thing a person asked for, run once (docs/decisions/0025-operations.md): the command
 * gets this screen's operation id, kept across a retry after an error and renewed after a
 * success; a second press while it runs does nothing. After a failure the command's own
 * recovery finishes what got past its commit point (shared/db/operations.ts), so a retry
 * only reports what was done.
 */
import { useCallback, useRef, useState } from 'react';
import { newOperationId, recoverOperations } from '../../shared/db/operations.js';
import { OPERATION_REPLAYS } from '../../shared/db/operation-replays.js';
import { deskClock } from './desk-clock.js';
import { useDesk } from './desk-context.js';

export interface Command {
  /** True while the command runs: buttons that send, pay, credit, refund or void show they are working. */
  readonly busy: boolean;
  /** Runs `command` with this operation's id; undefined when one is already running. */
  run<T>(command: (operation: string) => Promise<T>): Promise<T | undefined>;
}

export function useCommand(): Command {
  const { db } = useDesk();
  const operation = useRef(newOperationId());
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async <T,>(command: (operation: string) => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    const op = operation.current;
    try {
      const result = await command(op);
      operation.current = newOperationId();
      return result;
    } catch (err) {
      // Whatever the failure left after the commit point is finished now; the next press of the
      // same button (same operation) then only reports it.
      void recoverOperations(db, OPERATION_REPLAYS, deskClock().toISOString(), new Set([op])).catch(() => undefined);
      throw err;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, [db]);
  return { busy, run };
}
