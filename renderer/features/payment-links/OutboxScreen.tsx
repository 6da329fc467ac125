/**
 * The outbox: emails and SMS written to the data folder instead of sent, because this
 * clinic has no SMTP server or SMS provider set up yet (demos, trials, tests). Each shows
 * what the client would receive, and its payment link can be opened from here.
 */
import { useCallback, useEffect, useState } from 'react';
import { useDesk } from '../../app/desk-context.js';
import type { OutboxEntry } from '../../../shared/contract/index.js';
import { textOfError } from '../../../shared/i18n/error-text.js';
import type { Text } from '../../../shared/i18n/text.js';
import { useT } from '../../app/language.js';
import { slot, withSlots } from '../../data/words.js';

export function OutboxScreen() {
  const { main } = useDesk();
  const { t, dateTime } = useT();
  const [items, setItems] = useState<OutboxEntry[] | null>(null);
  const [error, setError] = useState<Text | null>(null);
  const load = useCallback(() => {
    main.invoke('outbox.list').then((list) => { setItems(list); setError(null); }, (err: unknown) => setError(textOfError(err)));
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
        <h1 id="outbox-title">{t('outbox.title')}</h1>
        <button type="button" className="button" onClick={load}>{t('outbox.refresh')}</button>
      </header>
      <p className="muted">{t('outbox.intro')}</p>
      {error && <p className="form-error" role="alert">{t(error)}</p>}
      {items === null ? <p role="status">{t('outbox.loading')}</p> : items.length === 0 ? (
        <p className="empty-state">{t('outbox.empty')}</p>
      ) : (
        <ul className="outbox">
          {items.map((item) => (
            <li key={`${item.channel}-${item.key}`} className="card outbox__item" data-testid="outbox-item">
              <p className="outbox__meta">
                {withSlots(t('outbox.meta', { channel: slot('channel'), to: slot('to'), at: dateTime(item.at) }), {
                  channel: <span className="badge">{t('outbox.channel', { channel: item.channel })}</span>,
                  to: <strong>{item.to}</strong>,
                })}
              </p>
              {item.subject && <p className="outbox__subject">{item.subject}</p>}
              <pre className="outbox__text">{item.text}</pre>
              {item.link && <a className="button" href={item.link} target="_blank" rel="noopener noreferrer">{t('outbox.openPayPage')}</a>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
