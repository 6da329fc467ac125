/**
 * The status bar's notices say only what is true now: one per change, replaced by what is said
 * of it next, gone when it is settled, when its Needs-attention entry goes, or when dismissed —
 * and a dismissed notice stays away while the same thing is said again.
 */
import { describe, expect, it } from 'vitest';
import { text } from '../../../shared/i18n/text.js';
import { SyncNotices, type SyncNotice } from './sync-notices.js';

const waits = text('push.waitsForCommand');
const refused = text('syncRule.noActor', { what: 'paymentrequests' });
const notice = (id: string, kind: SyncNotice['kind'], reason = kind === 'refused' ? refused : waits): SyncNotice =>
  ({ key: `paymentrequests/${id}`, collection: 'paymentrequests', id, kind, reason });
const keys = (n: SyncNotices) => n.notices$.value.map((x) => `${x.key} ${x.kind}`);

describe('sync notices', () => {
  it('keeps one notice per change, newest last, and drops it when the change is settled', () => {
    const n = new SyncNotices();
    n.set(notice('a', 'waiting'));
    n.set(notice('b', 'waiting'));
    n.set(notice('a', 'refused'));
    expect(keys(n)).toEqual(['paymentrequests/b waiting', 'paymentrequests/a refused']);
    // Said again as it was: no change, no reordering.
    n.set(notice('b', 'waiting'));
    expect(keys(n)).toEqual(['paymentrequests/b waiting', 'paymentrequests/a refused']);
    n.resolve(['paymentrequests/a']);
    expect(keys(n)).toEqual(['paymentrequests/b waiting']);
    // Only a notice of the kind named goes.
    n.resolve(['paymentrequests/b'], 'notTaken');
    expect(keys(n)).toEqual(['paymentrequests/b waiting']);
  });

  it('drops a refusal once its Needs-attention entry, seen before, has gone — whichever came first', () => {
    const n = new SyncNotices();
    // The notice first, then a list from before its entry was written, then the list with it.
    n.set(notice('a', 'refused'));
    n.followList(new Set());
    expect(keys(n)).toEqual(['paymentrequests/a refused']);
    n.followList(new Set(['paymentrequests/a']));
    n.followList(new Set());
    expect(keys(n)).toEqual([]);
    // The entry listed before the notice came: its going still settles the notice.
    n.followList(new Set(['paymentrequests/b']));
    n.set(notice('b', 'refused'));
    n.followList(new Set());
    expect(keys(n)).toEqual([]);
  });

  it('hides a dismissed notice while the same is said again, and shows what is said anew', () => {
    const n = new SyncNotices();
    n.set(notice('a', 'waiting'));
    n.dismiss('paymentrequests/a');
    expect(keys(n)).toEqual([]);
    // RxDB sends the waiting change again and the server says the same: still dismissed.
    n.set(notice('a', 'waiting'));
    expect(keys(n)).toEqual([]);
    // Now refused: that is news.
    n.set(notice('a', 'refused'));
    expect(keys(n)).toEqual(['paymentrequests/a refused']);
    // Settled and later waiting again: shown again.
    n.dismiss('paymentrequests/a');
    n.resolve(['paymentrequests/a']);
    n.set(notice('a', 'refused'));
    expect(keys(n)).toEqual(['paymentrequests/a refused']);
  });
});
