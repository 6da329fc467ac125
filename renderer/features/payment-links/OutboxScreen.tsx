/**
 * The outbox: emails and SMS written to the data folder instead of sent, because this
 * clinic has no SMTP server or SMS provider set up yet (demos, trials, tests). Each shows
 * what the client would receive, and its payment link can be opened from here.
 */
import { useCallback, useEffect, useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import type { OutboxEntry } from '../../../shared/contract/index.js';
import { errorText } from '../../ui/errors.js';
import { formatDateTime } from '../../ui/format.js';

export function OutboxScreen() {
  const { main } = useDesk();
  const settings = useSettings();
  const [items, setItems] = useState<OutboxEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    main.invoke('outbox.list').then((list) => { setItems(list); setError(null); }, (err: unknown) => setError(errorText(err)));
  }, [main]);
  useEffect(() => {
    load();
    // Main writes here as the scheduler sends; a few seconds' delay is fine for a demo outbox.
    const t = setInterval(load, 3000);
    return () => clearInterval(t);
  }, [load]);

  return (
    <section className="screen" aria-labelledby="outbox-title">
      <header className="screen__header">
        <h1 id="outbox-title">Outbox</h1>
        <button type="button" className="button" onClick={load}>Refresh</button>
      </header>
      <p className="muted">No email server or SMS provider is set up, so messages to clients are kept here instead of being sent. Nothing in the outbox has reached a client.</p>
      {error && <p className="form-error" role="alert">{error}</p>}
      {items === null ? <p role="status">Loading the outbox…</p> : items.length === 0 ? (
        <p className="empty-state">The outbox is empty. Payment links you send appear here.</p>
      ) : (
        <ul className="outbox">
          {items.map((item) => (
            <li key={`${item.channel}-${item.key}`} className="card outbox__item" data-testid="outbox-item">
              <p className="outbox__meta">
                <span className="badge">{item.channel === 'email' ? 'Email' : 'SMS'}</span> to <strong>{item.to}</strong> · {formatDateTime(item.at, settings)}
              </p>
              {item.subject && <p className="outbox__subject">{item.subject}</p>}
              <pre className="outbox__text">{item.text}</pre>
              {item.link && <a className="button" href={item.link} target="_blank" rel="noopener noreferrer">Open the payment page</a>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
