/** Always visible: network, sync and the desk service's state, in plain words. */
import type { Connection } from './desk-context.js';

export function StatusBar({ connection, syncServerUrl }: { connection: Connection; syncServerUrl: string | null }) {
  const { online, mainConnected, mainStatus } = connection;
  return (
    <footer className="status-bar" aria-label="Status">
      <span className={`status-pill ${online ? 'status-pill--ok' : 'status-pill--warn'}`} role="status">
        <span className="status-dot" aria-hidden="true" />
        {online ? 'Online' : 'Offline — working on this desk'}
      </span>
      <span className="status-pill" data-testid="sync-state">
        {syncServerUrl ? `Sync server: ${new URL(syncServerUrl).host}` : 'Standalone desk — no sync server'}
      </span>
      <span className={`status-pill ${mainConnected ? 'status-pill--ok' : 'status-pill--warn'}`} data-testid="desk-service">
        <span className="status-dot" aria-hidden="true" />
        {mainConnected ? (mainStatus?.databaseConnected === false ? 'Desk service starting…' : 'Desk service ready') : 'Reconnecting to the desk service…'}
      </span>
      {mainStatus?.busy && <span className="status-pill status-pill--busy" role="status">{mainStatus.busy}</span>}
    </footer>
  );
}
