/**
 * Choose a client by typing part of a name, email or phone: a combobox with a
 * listbox of matches (↑/↓ to move, Enter to choose), or create a new client.
 */
import { useEffect, useId, useState } from 'react';
import { useDesk } from '../../app/desk-context.js';
import { useT } from '../../app/language.js';
import { findClients } from '../../../shared/db/client-commands.js';
import { clientName } from '../../../shared/domain/clients.js';
import type { ClientDoc } from '../../../shared/schemas/index.js';
import { NewClientDialog } from '../clients/ClientForm.js';

interface ClientPickerProps {
  value: ClientDoc | null;
  onChange: (client: ClientDoc | null) => void;
  error?: string | undefined;
}

export function ClientPicker({ value, onChange, error }: ClientPickerProps) {
  const { db } = useDesk();
  const { t } = useT();
  const id = useId();
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<ClientDoc[]>([]);
  const [active, setActive] = useState(0);
  const [creating, setCreating] = useState(false);

  const searching = !value && query.trim() !== '';
  useEffect(() => {
    if (!searching) return;
    let live = true;
    const timer = setTimeout(() => findClients(db, query, 8).then((m) => { if (live) { setMatches(m); setActive(0); } }, () => undefined), 80);
    return () => { live = false; clearTimeout(timer); };
  }, [db, query, searching]);

  if (value) {
    return (
      <div className="field">
        <span className="field__label" id={`${id}-label`}>{t('clientUi.client')}</span>
        <div className="chip" aria-labelledby={`${id}-label`}>
          <span data-testid="chosen-client">{clientName(value)}</span>
          {value.phone && <span className="muted">{value.phone}</span>}
          <button type="button" className="link-button" onClick={() => { onChange(null); setQuery(''); }}>{t('clientUi.change')}</button>
        </div>
      </div>
    );
  }

  const listId = `${id}-list`;
  const open = searching && matches.length > 0;
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>{t('clientUi.client')}</label>
      <div className="picker">
        <input
          id={id}
          name="client"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open ? `${listId}-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          autoComplete="off"
          placeholder={t('clientUi.pickerPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && open) { e.preventDefault(); setActive((a) => Math.min(a + 1, matches.length - 1)); }
            else if (e.key === 'ArrowUp' && open) { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
            else if (e.key === 'Enter' && open) { e.preventDefault(); onChange(matches[active] ?? null); }
          }}
        />
        <button type="button" className="button" onClick={() => setCreating(true)}>{t('clientUi.newClient')}</button>
      </div>
      <ul id={listId} role="listbox" aria-label={t('clientUi.matching')} className="picker__list" hidden={!open}>
        {matches.map((c, i) => (
          <li key={c.id} id={`${listId}-${i}`} role="option" aria-selected={i === active}
            className={i === active ? 'picker__option picker__option--active' : 'picker__option'}
            onMouseDown={(e) => { e.preventDefault(); onChange(c); }}>
            {clientName(c)} <span className="muted">{c.email || c.phone}</span>
          </li>
        ))}
      </ul>
      {query.trim() !== '' && !open && <p className="field__hint">{t('clientUi.noMatch')}</p>}
      {error && <p className="field__error" id={`${id}-error`}>{error}</p>}
      {creating && (
        <NewClientDialog initialName={query} onClose={() => setCreating(false)} onCreated={(c) => { setCreating(false); onChange(c); }} />
      )}
    </div>
  );
}
