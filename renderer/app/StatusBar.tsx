/** Always visible: network, sync and the desk service's state, in plain words. */
import type { Connection } from './desk-context.js';
import type { SyncStatus } from '../data/sync/desk-replication.js';
import { routeHref } from './router.js';

export function StatusBar({ connection, syncServerUrl, sync, needsAttention }: { connection: Connection; syncServerUrl: string | null; sync: SyncStatus | null; needsAttention: number }) {
  const { online, mainConnected, mainStatus } = connection;
  return (
    <footer className="status-bar" aria-label="Status">
      <span className={`status-pill ${online ? 'status-pill--ok' : 'status-pill--warn'}`} role="status">
        <span className="status-dot" aria-hidden="true" />
        {online ? 'Online' : 'Offline — working on this desk'}
      </span>
      <SyncPill serverUrl={syncServerUrl} sync={sync} />
      {needsAttention > 0 && (
        <a className="status-pill status-pill--error" href={routeHref({ name: 'attention' })} data-testid="needs-attention">
          {needsAttention} refused change{needsAttention === 1 ? '' : 's'} need{needsAttention === 1 ? 's' : ''} attention
        </a>
      )}
      <span className={`status-pill ${mainConnected ? 'status-pill--ok' : 'status-pill--warn'}`} data-testid="desk-service">
        <span className="status-dot" aria-hidden="true" />
        {mainConnected ? (mainStatus?.databaseConnected === false ? 'Desk service starting…' : 'Desk service ready') : 'Reconnecting to the desk service…'}
      </span>
      {mainStatus?.busy && <span className="status-pill status-pill--busy" role="status">{mainStatus.busy}</span>}
    </footer>
  );
}

function SyncPill({ serverUrl, sync }: { serverUrl: string | null; sync: SyncStatus | null }) {
  if (!serverUrl) return <span className="status-pill" data-testid="sync-state">Standalone desk — no sync server</span>;
  if (!sync) return <span className="status-pill" data-testid="sync-state">Starting sync…</span>;
  const waiting = sync.pending > 0 ? `, ${sync.pending} change${sync.pending === 1 ? '' : 's'} waiting` : '';
  const last = sync.lastSyncAt ? ` · last sync ${new Date(sync.lastSyncAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })}` : '';
  const reachable = sync.connected && sync.reachable;
  const tone = sync.stopped ? 'status-pill--error' : reachable ? 'status-pill--ok' : 'status-pill--warn';
  const text = sync.stopped ? 'Sync stopped'
    : !reachable ? `Sync server not reachable${waiting}`
    : sync.pending > 0 ? `Sending ${sync.pending} change${sync.pending === 1 ? '' : 's'}…`
    : 'Synced';
  return (
    <>
      <span className={`status-pill ${tone}`} data-testid="sync-state" title={serverUrl}>
        <span className="status-dot" aria-hidden="true" />{text}{last}
      </span>
      {sync.problem && <span className="status-pill status-pill--error" role="alert" data-testid="sync-problem">{sync.problem}</span>}
    </>
  );
}
