/**
 * Needs attention: every change the clinic's sync server refused, with its reason, until
 * someone deals with it (docs/decisions/0024-needs-attention.md). A refused fact is kept on
 * this desk; someone whose role allows it accepts it again, signed as them. Nothing a person
 * entered disappears silently.
 */
import { useEffect, useId, useState } from 'react';
import { useDesk } from '../../app/desk-context.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { acceptAgain, isAcceptable, setAside, type RefusedChange } from '../../../shared/db/needs-attention.js';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { recordedActor, sameState } from '../../../shared/sync/push-rules.js';
import { syncState } from '../../../shared/sync/conflicts.js';
import type { WireDocument } from '../../../shared/sync/protocol.js';
import { textOfError } from '../../../shared/i18n/error-text.js';
import { text as textOf, type Text } from '../../../shared/i18n/text.js';
import { useT } from '../../app/language.js';
import { describeRefused, refusalReason, refusedOutcome } from './describe-refused.js';
import { useNeedsAttention } from './use-needs-attention.js';
import { refusedContextOf } from './refused-context.js';

interface EntryView {
  readonly entry: RefusedChange;
  readonly what: Text;
  /** A staff member's name, or who else it was. */
  readonly recordedBy: string | Text;
  readonly outcome: Text;
  /** This desk's copy is no longer what was refused (a pull replaced a record since). */
  readonly replacedSince: boolean;
}

async function viewOf(db: ClinicDatabase, entry: RefusedChange): Promise<EntryView> {
  const found = await db[entry.collection].findOne(entry.id).exec();
  const local = found ? (syncState(found.toJSON()) as WireDocument) : null;
  // What was refused is what the entry is about, whatever this desk holds now.
  const doc = entry.sent ?? local;
  const context = await refusedContextOf(db, entry.collection, doc);
  const nameOf = async (id: string) => (id ? (await db.staff.findOne(id).exec())?.name ?? null : null);
  const actor = doc ? recordedActor(entry.collection, doc).actor : '';
  return {
    entry,
    what: describeRefused(entry, context),
    recordedBy: (await nameOf(actor)) ?? textOf(actor === 'system' ? 'attention.recordedBy.system' : actor ? 'attention.recordedBy.unknown' : 'attention.recordedBy.nobody'),
    outcome: refusedOutcome(entry, await nameOf(entry.acceptedBy ?? '')),
    replacedSince: entry.kept && entry.sent !== undefined && local !== null && !sameState(local, entry.sent),
  };
}

export function NeedsAttentionScreen() {
  const { db } = useDesk();
  const { t } = useT();
  const entries = useNeedsAttention(db);
  const [views, setViews] = useState<EntryView[] | null>(null);
  const [loadError, setLoadError] = useState<Text | null>(null);
  useEffect(() => {
    if (!entries) return;
    let live = true;
    Promise.all([...entries].reverse().map((e) => viewOf(db, e))).then(
      (v) => { if (live) { setViews(v); setLoadError(null); } },
      (err: unknown) => { if (live) setLoadError(textOfError(err)); },
    );
    return () => { live = false; };
  }, [db, entries]);

  return (
    <section className="screen" aria-labelledby="attention-title">
      <header className="screen__header">
        <h1 id="attention-title">{t('attention.title')}</h1>
      </header>
      <p className="muted">{t('attention.intro')}</p>
      {loadError && <p className="form-error" role="alert">{t('attention.loadFailed', { error: loadError })}</p>}
      {views === null ? (!loadError && <p role="status">{t('common.loading')}</p>) : views.length === 0 ? (
        <p className="empty-state">{t('attention.empty')}</p>
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
  const { t, dateTime } = useT();
  const actor = useDeskActor();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Text | null>(null);
  const { entry } = view;
  const act = (action: typeof acceptAgain) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    action(db, entry.key, { actor: actor.actor, desk: actor.desk, synced: actor.synced, now: actor.now })
      .catch((err: unknown) => setError(textOfError(err)))
      .finally(() => setBusy(false));
  };
  const acceptable = isAcceptable(entry) && !entry.acceptedBy;
  const whatId = useId();
  return (
    <li className="card attention-item" data-testid="attention-item">
      <p className="attention-item__what" id={whatId}><strong>{t(view.what)}</strong></p>
      <p className="muted">{t('attention.recorded', { who: view.recordedBy, at: dateTime(entry.refusedAt) })}</p>
      <p className="attention-item__reason">{t(refusalReason(entry))}</p>
      <p className="muted">{t(view.outcome)}</p>
      {view.replacedSince && <p className="muted">{t('attention.replacedSince')}</p>}
      {error && <p className="form-error" role="alert">{t(error)}</p>}
      <div className="attention-item__actions">
        {acceptable && (
          <button type="button" className="button button--primary" disabled={busy} aria-busy={busy} aria-describedby={whatId} onClick={() => act(acceptAgain)}>
            {t(busy ? 'attention.accepting' : 'attention.accept')}
          </button>
        )}
        {!isAcceptable(entry) && (
          <button type="button" className="button" disabled={busy} aria-busy={busy} aria-describedby={whatId} onClick={() => act(setAside)}>
            {t(busy ? 'attention.settingAside' : 'attention.setAside')}
          </button>
        )}
      </div>
    </li>
  );
}
