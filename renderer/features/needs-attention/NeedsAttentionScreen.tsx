/**
 * Needs attention: every change the clinic's sync server refused, with its reason, until
 * someone deals with it (docs/decisions/0024-needs-attention.md). A refused fact is kept on
 * this desk; someone whose role allows it accepts it again, signed as them. Nothing a person
 * entered disappears silently.
 */
import { useEffect, useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { acceptAgain, isAcceptable, setAside, type RefusedChange } from '../../../shared/db/needs-attention.js';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { recordedActor } from '../../../shared/sync/push-rules.js';
import type { WireDocument } from '../../../shared/sync/protocol.js';
import type { ClientDoc, InvoiceDoc } from '../../../shared/schemas/index.js';
import { errorText } from '../../ui/errors.js';
import { formatDateTime } from '../../ui/format.js';
import { describeRefused, refusedOutcome } from './describe-refused.js';
import { useNeedsAttention } from './use-needs-attention.js';

interface EntryView {
  readonly entry: RefusedChange;
  readonly what: string;
  readonly recordedBy: string;
  readonly outcome: string;
}

async function viewOf(db: ClinicDatabase, entry: RefusedChange, clinic: { locale: string }): Promise<EntryView> {
  const found = await db[entry.collection].findOne(entry.id).exec();
  const doc = found ? (found.toJSON() as unknown as WireDocument) : null;
  const text = (key: string) => (doc && typeof doc[key] === 'string' ? (doc[key] as string) : '');
  const invoiceId = entry.collection === 'invoices' ? '' : text('invoiceId');
  const invoice = invoiceId ? ((await db.invoices.findOne(invoiceId).exec())?.toJSON() as InvoiceDoc | undefined) ?? null : null;
  const clientId = text('clientId') || invoice?.clientId || '';
  const client = clientId ? ((await db.clients.findOne(clientId).exec())?.toJSON() as ClientDoc | undefined) ?? null : null;
  const nameOf = async (id: string) => (id ? (await db.staff.findOne(id).exec())?.name ?? null : null);
  const actor = doc ? recordedActor(entry.collection, doc).actor : '';
  return {
    entry,
    what: describeRefused(entry, { doc, invoice, client, clinic }),
    recordedBy: (await nameOf(actor)) ?? (actor === 'system' ? 'the desk itself' : actor ? 'someone not on the staff list' : 'nobody'),
    outcome: refusedOutcome(entry, await nameOf(entry.acceptedBy ?? '')),
  };
}

export function NeedsAttentionScreen() {
  const { db } = useDesk();
  const settings = useSettings();
  const entries = useNeedsAttention(db);
  const [views, setViews] = useState<EntryView[] | null>(null);
  useEffect(() => {
    if (!entries) return;
    let live = true;
    Promise.all([...entries].reverse().map((e) => viewOf(db, e, settings))).then((v) => { if (live) setViews(v); }, () => undefined);
    return () => { live = false; };
  }, [db, entries, settings]);

  return (
    <section className="screen" aria-labelledby="attention-title">
      <header className="screen__header">
        <h1 id="attention-title">Needs attention</h1>
      </header>
      <p className="muted">Changes the clinic's sync server did not take, and why. A payment, message or numbered invoice stays on this desk until someone whose role allows it accepts it again; it is then recorded as theirs.</p>
      {views === null ? <p role="status">Loading…</p> : views.length === 0 ? (
        <p className="empty-state">Nothing needs attention. If the sync server refuses a change made on this desk, it appears here.</p>
      ) : (
        <ul className="attention-list">
          {views.map((v) => <AttentionItem key={v.entry.key} view={v} />)}
        </ul>
      )}
    </section>
  );
}

function AttentionItem({ view }: { view: EntryView }) {
  const { db } = useDesk();
  const settings = useSettings();
  const actor = useDeskActor();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { entry } = view;
  const act = (action: typeof acceptAgain) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    action(db, entry.key, { actor: actor.actor, desk: actor.desk, synced: actor.synced, now: actor.now })
      .catch((err: unknown) => setError(errorText(err)))
      .finally(() => setBusy(false));
  };
  const acceptable = isAcceptable(entry) && !entry.acceptedBy;
  return (
    <li className="card attention-item" data-testid="attention-item">
      <p className="attention-item__what"><strong>{view.what}</strong></p>
      <p className="muted">Recorded by {view.recordedBy} · refused {formatDateTime(entry.refusedAt, settings)}</p>
      <p className="attention-item__reason">{entry.message}</p>
      <p className="muted">{view.outcome}</p>
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="attention-item__actions">
        {acceptable && (
          <button type="button" className="button button--primary" disabled={busy} aria-busy={busy} onClick={() => act(acceptAgain)}>
            {busy ? 'Accepting…' : 'Accept again as me'}
          </button>
        )}
        {!isAcceptable(entry) && (
          <button type="button" className="button" disabled={busy} aria-busy={busy} onClick={() => act(setAside)}>
            {busy ? 'Setting aside…' : 'Set aside'}
          </button>
        )}
      </div>
    </li>
  );
}
