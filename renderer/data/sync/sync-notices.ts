/**
 * What the status bar says about particular changes (docs/decisions/0036-status-truth.md): one
 * notice per change — a change the server told to wait, a change it refused this session, a
 * pulled document this desk would not write — each naming its document, and each gone as soon
 * as it is no longer true: the change was taken, refused anew, superseded by a later version,
 * its Needs-attention entry went (accepted again and taken, or set aside), or the person at the
 * desk dismissed it. A dismissed notice stays away until something new is said about that
 * change. Nothing here is the sync's own state (stopped, unreachable): that is SyncStatus.problem.
 * Used by desk-replication.ts and command-outbox.ts.
 */
import { BehaviorSubject } from 'rxjs';
import type { CollectionName } from '../../../shared/schemas/index.js';
import type { WireDocument } from '../../../shared/sync/protocol.js';
import type { Text } from '../../../shared/i18n/text.js';

export type SyncNoticeKind =
  /** The server has not taken it yet and this desk sends it again (a reference not there yet, a command waiting for its parts). */
  | 'waiting'
  /** The server refused it; its lasting record is the Needs-attention entry of the same key. */
  | 'refused'
  /** The server sent it and this desk did not write it (it fails the desk's validation). */
  | 'notTaken';

export interface SyncNotice {
  /** `${collection}/${id}` (needs-attention.ts refusalKey): one notice per document. */
  readonly key: string;
  readonly collection: CollectionName;
  readonly id: string;
  readonly kind: SyncNoticeKind;
  /** Why, in the reader's words (the server's Text, or this desk's). */
  readonly reason: Text;
  /** The document as it was sent, for naming it ("Payment of 750,00 kr on invoice 12"); absent for a pulled one. */
  readonly sent?: WireDocument;
}

const sameSaying = (a: Pick<SyncNotice, 'kind' | 'reason'>, b: Pick<SyncNotice, 'kind' | 'reason'>) =>
  a.kind === b.kind && JSON.stringify(a.reason) === JSON.stringify(b.reason);

export class SyncNotices {
  /** Newest last; only the notices nobody dismissed. */
  readonly notices$ = new BehaviorSubject<readonly SyncNotice[]>([]);
  private readonly all = new Map<string, SyncNotice>();
  /** What the person dismissed, per key: hidden while the same thing is said again. */
  private readonly dismissed = new Map<string, SyncNotice>();
  /** Refused notices whose Needs-attention entry has been seen in the list: its absence then resolves them. */
  private readonly listed = new Set<string>();
  /** The Needs-attention list's keys as last seen. */
  private listKeys: ReadonlySet<string> = new Set();

  /** Says this about a change, in place of anything said about it before. */
  set(notice: SyncNotice): void {
    const before = this.all.get(notice.key);
    if (before && sameSaying(before, notice) && JSON.stringify(before.sent) === JSON.stringify(notice.sent)) return;
    this.all.delete(notice.key);
    this.all.set(notice.key, notice);
    if (notice.kind !== 'refused') this.listed.delete(notice.key);
    // Its entry may have reached the list before this notice did.
    else if (this.listKeys.has(notice.key)) this.listed.add(notice.key);
    const dismissed = this.dismissed.get(notice.key);
    if (dismissed && !sameSaying(dismissed, notice)) this.dismissed.delete(notice.key);
    this.publish();
  }

  /** These changes are settled (taken, or answered otherwise): nothing more to say about them. */
  resolve(keys: Iterable<string>, only?: SyncNoticeKind): void {
    let changed = false;
    for (const key of keys) {
      const notice = this.all.get(key);
      if (only && notice && notice.kind !== only) continue;
      if (notice) changed = true;
      this.all.delete(key);
      this.dismissed.delete(key);
      this.listed.delete(key);
    }
    if (changed) this.publish();
  }

  /**
   * The Needs-attention list as it is now: a refused notice goes once its entry, seen in the list
   * before, is no longer there (accepted again and taken, set aside). A list read from before the
   * entry was written does not count, hence "seen before".
   */
  followList(keys: ReadonlySet<string>): void {
    this.listKeys = keys;
    const gone: string[] = [];
    for (const notice of this.all.values()) {
      if (notice.kind !== 'refused') continue;
      if (keys.has(notice.key)) this.listed.add(notice.key);
      else if (this.listed.has(notice.key)) gone.push(notice.key);
    }
    if (gone.length > 0) this.resolve(gone, 'refused');
  }

  /** The person at the desk has read it. */
  dismiss(key: string): void {
    const notice = this.all.get(key);
    if (!notice) return;
    this.dismissed.set(key, notice);
    this.publish();
  }

  private publish(): void {
    this.notices$.next([...this.all.values()].filter((n) => {
      const dismissed = this.dismissed.get(n.key);
      return !dismissed || !sameSaying(dismissed, n);
    }));
  }
}
