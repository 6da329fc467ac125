/** One client: contact details (with Edit and the client's log), and the Invoices tab with Active and Settled lists. */
import { useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { routeHref, type ClientTab } from '../../app/router.js';
import { useLiveDocument } from '../../data/live-query.js';
import { clientName } from '../../../shared/domain/clients.js';
import { formatLocalDay } from '../../ui/format.js';
import { InvoicesTab } from './InvoicesTab.js';
import { useClientScope } from '../../data/use-client-scope.js';
import { LedgerTab } from './LedgerTab.js';
import { EditClientDialog } from './ClientForm.js';
import { ActivityLog } from '../invoices/InvoiceLog.js';

export function ClientRecord({ clientId, tab }: { clientId: string; tab: ClientTab }) {
  const { db } = useDesk();
  const settings = useSettings();
  const client = useLiveDocument(() => db.clients.findOne(clientId), [db, clientId]);
  const scope = useClientScope();
  const [editing, setEditing] = useState(false);

  if (scope && !scope.has(clientId)) {
    return (
      <section className="screen">
        <h1>Not one of your clients</h1>
        <p>This client has no bookings with you, so their record and invoices are not shown. <a href={routeHref({ name: 'clients' })}>Back to clients</a></p>
      </section>
    );
  }
  if (client === undefined || scope === undefined) return <p className="screen" role="status">Loading…</p>;
  if (client === null) {
    return (
      <section className="screen">
        <h1>Client not found</h1>
        <p>This client does not exist on this desk. <a href={routeHref({ name: 'clients' })}>Back to clients</a></p>
      </section>
    );
  }
  const tabs = [
    { id: 'details' as const, label: 'Details' },
    { id: 'invoices' as const, label: 'Invoices' },
    { id: 'ledger' as const, label: 'Ledger' },
  ];
  return (
    <section className="screen" aria-labelledby="client-title">
      <p className="breadcrumb"><a href={routeHref({ name: 'clients' })}>Clients</a> /</p>
      <header className="screen__header">
        <h1 id="client-title">{clientName(client)}</h1>
      </header>
      <div className="tabs" role="tablist" aria-label="Client record">
        {tabs.map((t) => (
          <a key={t.id} role="tab" id={`tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`panel-${t.id}`}
            href={routeHref({ name: 'client', id: clientId, tab: t.id })} className="tabs__tab">{t.label}</a>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabs__panel">
        {tab === 'details' ? (
          <>
            <dl className="details">
              <dt>Email</dt><dd>{client.email || <span className="muted">Not given</span>}</dd>
              <dt>Address</dt><dd>{client.address || <span className="muted">Not given</span>}</dd>
              <dt>Mobile phone</dt><dd>{client.phone || <span className="muted">Not given</span>}</dd>
              <dt>Date of birth</dt><dd>{client.dateOfBirth ? formatLocalDay(client.dateOfBirth, settings.locale) : <span className="muted">Not given</span>}</dd>
            </dl>
            <div className="toolbar"><button type="button" className="button" onClick={() => setEditing(true)}>Edit details</button></div>
            <h2 id="client-log">Log</h2>
            <ActivityLog entityId={clientId} label="Client log" empty="Nothing has been logged for this client yet." />
            {editing && <EditClientDialog client={client} onClose={() => setEditing(false)} />}
          </>
        ) : tab === 'invoices' ? (
          <InvoicesTab clientId={clientId} />
        ) : (
          <LedgerTab clientId={clientId} />
        )}
      </div>
    </section>
  );
}
