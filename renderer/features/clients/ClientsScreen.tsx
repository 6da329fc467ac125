/** Find a client by name, email or phone, or add a new one. */
import { useEffect, useState } from 'react';
import { useDesk } from '../../app/desk-context.js';
import { useT } from '../../app/language.js';
import { navigate, routeHref } from '../../app/router.js';
import { findClients } from '../../../shared/db/client-commands.js';
import type { ClientDoc } from '../../../shared/schemas/index.js';
import { NewClientDialog } from './ClientForm.js';
import { useClientScope } from '../../data/use-client-scope.js';

const DASH = '—';

export function ClientsScreen() {
  const { db } = useDesk();
  const { t } = useT();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ClientDoc[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [version, setVersion] = useState(0);
  const scope = useClientScope();

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      // A practitioner-only user finds among their own clients.
      if (scope === undefined) return;
      findClients(db, query, scope ? 2000 : 100).then((found) => { if (live) setResults(scope ? found.filter((c) => scope.has(c.id)).slice(0, 100) : found); }, () => { if (live) setResults([]); });
    }, query ? 120 : 0);
    return () => { live = false; clearTimeout(timer); };
  }, [db, query, version, scope]);

  useEffect(() => {
    // Re-run the search when clients change (this desk, main or sync).
    const sub = db.clients.$.subscribe(() => setVersion((v) => v + 1));
    return () => sub.unsubscribe();
  }, [db]);

  return (
    <section className="screen" aria-labelledby="clients-title">
      <header className="screen__header">
        <h1 id="clients-title">{t('clients.title')}</h1>
        <button type="button" className="button button--primary" onClick={() => setCreating(true)}>{t('clientUi.newClient')}</button>
      </header>
      <div className="search">
        <label htmlFor="client-search" className="visually-hidden">{t('clients.find')}</label>
        <input id="client-search" type="search" placeholder={t('clients.findPlaceholder')} value={query} onChange={(e) => setQuery(e.target.value)} autoFocus />
      </div>
      {results === null ? (
        <p className="muted" role="status">{t('clients.searching')}</p>
      ) : results.length === 0 ? (
        <div className="empty-state">
          {query ? <p>{t('clients.noMatch', { query })}</p> : <p>{t('clients.none')}</p>}
          <button type="button" className="button" onClick={() => setCreating(true)}>{t('clientUi.newClient')}</button>
        </div>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('clients.title')}</caption>
          <thead>
            <tr><th scope="col">{t('clients.col.name')}</th><th scope="col">{t('clientUi.email')}</th><th scope="col">{t('clients.col.phone')}</th></tr>
          </thead>
          <tbody>
            {results.map((c) => (
              <tr key={c.id}>
                <td><a href={routeHref({ name: 'client', id: c.id, tab: 'details' })}>{t('clients.sortName', { lastName: c.lastName, firstName: c.firstName })}</a></td>
                <td>{c.email || <span className="muted">{DASH}</span>}</td>
                <td>{c.phone || <span className="muted">{DASH}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && (
        <NewClientDialog
          initialName={query}
          onClose={() => setCreating(false)}
          onCreated={(client) => { setCreating(false); navigate({ name: 'client', id: client.id, tab: 'details' }); }}
        />
      )}
    </section>
  );
}
