/**
 * Starts replication when this desk is enrolled with a sync server, and exposes its
 * status to the UI. The acting staff member is read at each request, so switching
 * user takes effect at once.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeskSyncConfig } from '../../../shared/contract/index.js';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { readSignedInStaff } from '../../app/session.js';
import { startDeskReplication, type DeskReplication, type SyncStatus } from './desk-replication.js';

export interface DeskSync {
  /** Null for a standalone desk, or until replication has said anything. */
  readonly status: SyncStatus | null;
  /** The person at the desk has read a notice (its key). */
  readonly dismiss: (key: string) => void;
}

export function useDeskSync(db: ClinicDatabase | null, config: DeskSyncConfig | null | undefined): DeskSync {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const running = useRef<DeskReplication | null>(null);
  useEffect(() => {
    if (!db || !config) return;
    let replication: DeskReplication | null = startDeskReplication(db, {
      serverUrl: config.serverUrl,
      deviceToken: config.deviceToken,
      clinicId: config.clinicId,
      actingStaff: readSignedInStaff,
    });
    running.current = replication;
    const sub = replication.status$.subscribe(setStatus);
    // Standard Performance entries: how long the first full pull took (read by `npm run bench`).
    performance.mark('sync:start');
    replication.awaitInitialReplication().then(() => performance.measure('sync:initial', 'sync:start'), () => undefined);
    return () => {
      sub.unsubscribe();
      void replication?.stop();
      if (running.current === replication) running.current = null;
      replication = null;
    };
  }, [db, config]);
  const dismiss = useCallback((key: string) => running.current?.dismiss(key), []);
  return { status: config ? status : null, dismiss };
}
