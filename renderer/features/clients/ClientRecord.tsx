/** One client: contact details and message language (with Edit and the client's log), and the Invoices tab with Active and Settled lists. */
import { useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useT } from '../../app/language.js';
import { languageChoiceName } from '../../ui/language-name.js';
import { isLanguage } from '../../../shared/i18n/catalogues/index.js';
import { routeHref, type ClientTab } from '../../app/router.js';
import { useLiveDocument } from '../../data/live-query.js';
import { clientName } from '../../../shared/domain/clients.js';
import { InvoicesTab } from './InvoicesTab.js';
import { useClientScope } from '../../data/use-client-scope.js';
import { LedgerTab } from './LedgerTab.js';
import { EditClientDialog } from './ClientForm.js';
import { ActivityLog } from '../invoices/InvoiceLog.js';

const BREADCRUMB_SEPARATOR = ' /';

export function ClientRecord({ clientId, tab }: { clientId: string; tab: ClientTab }) {
  const { db } = useDesk();
  const settings = useSettings();
  const translator = useT();
  const { t, day } = translator;
  const client = useLiveDocument(() => db.clients.findOne(clientId), [db, clientId]);
  const scope = useClientScope();
  const [editing, setEditing] = useState(false);

  if (scope && !scope.has(clientId)) {
    return (
      <section className="screen">
        <h1>{t('clients.notYours.title')}</h1>
        <p>{t('clients.notYours.body')} <a href={routeHref({ name: 'clients' })}>{t('clients.backToList')}</a></p>
      </section>
    );
  }
  if (client === undefined || scope === undefined) return <p className="screen" role="status">{t('common.loading')}</p>;
  if (client === null) {
    return (
      <section className="screen">
        <h1>{t('clients.notFound.title')}</h1>
        <p>{t('clients.notFound.body')} <a href={routeHref({ name: 'clients' })}>{t('clients.backToList')}</a></p>
      </section>
    );
  }
  const tabs = [
    { id: 'details' as const, label: t('clients.tab.details') },
    { id: 'invoices' as const, label: t('clients.tab.invoices') },
    { id: 'ledger' as const, label: t('clients.tab.ledger') },
  ];
  return (
    <section className="screen" aria-labelledby="client-title">
      <p className="breadcrumb"><a href={routeHref({ name: 'clients' })}>{t('clients.title')}</a>{BREADCRUMB_SEPARATOR}</p>
      <header className="screen__header">
        <h1 id="client-title">{clientName(client)}</h1>
      </header>
      <div className="tabs" role="tablist" aria-label={t('clients.record')}>
        {tabs.map((item) => (
          <a key={item.id} role="tab" id={`tab-${item.id}`} aria-selected={tab === item.id} aria-controls={`panel-${item.id}`}
            href={routeHref({ name: 'client', id: clientId, tab: item.id })} className="tabs__tab">{item.label}</a>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabs__panel">
        {tab === 'details' ? (
          <>
            <dl className="details">
              <dt>{t('clientUi.email')}</dt><dd>{client.email || <span className="muted">{t('common.notGiven')}</span>}</dd>
              <dt>{t('clients.address')}</dt><dd>{client.address || <span className="muted">{t('common.notGiven')}</span>}</dd>
              <dt>{t('clientUi.phone')}</dt><dd>{client.phone || <span className="muted">{t('common.notGiven')}</span>}</dd>
              <dt>{t('clients.dateOfBirth')}</dt><dd>{client.dateOfBirth ? day(client.dateOfBirth) : <span className="muted">{t('common.notGiven')}</span>}</dd>
              <dt>{t('clientUi.language')}</dt><dd lang={isLanguage(client.language) ? client.language : undefined}>{languageChoiceName(client.language, settings.locale, translator)}</dd>
            </dl>
            <div className="toolbar"><button type="button" className="button" onClick={() => setEditing(true)}>{t('clients.editDetails')}</button></div>
            <h2 id="client-log">{t('clients.log')}</h2>
            <ActivityLog entityId={clientId} label={t('clients.logLabel')} empty={t('clients.logEmpty')} />
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
