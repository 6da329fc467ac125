/**
 * The status bar's notices (renderer/data/sync/sync-notices.ts) as lines to read: each change
 * named from this desk's copies (the invoice it is on, the client), as the Needs-attention list
 * names it, and what was said of it.
 */
import { useEffect, useState } from 'react';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import type { Text } from '../../../shared/i18n/text.js';
import { syncState } from '../../../shared/sync/conflicts.js';
import type { WireDocument } from '../../../shared/sync/protocol.js';
import type { SyncNotice } from '../../data/sync/sync-notices.js';
import { describeNotice } from './describe-refused.js';
import { refusedContextOf } from './refused-context.js';

export interface NoticeLine {
  /** The notice's key, for dismissing it. */
  readonly key: string;
  readonly line: Text;
}

/** What was sent names a sent change; a pulled document this desk did not write is named by the version it holds, if any. */
async function lineOf(db: ClinicDatabase, notice: SyncNotice): Promise<NoticeLine> {
  const local = notice.sent ? null : await db[notice.collection].findOne(notice.id).exec();
  const doc = notice.sent ?? (local ? (syncState(local.toJSON()) as WireDocument) : null);
  return { key: notice.key, line: describeNotice(notice, await refusedContextOf(db, notice.collection, doc)) };
}

export function useNoticeLines(db: ClinicDatabase, notices: readonly SyncNotice[]): NoticeLine[] {
  const [lines, setLines] = useState<NoticeLine[]>([]);
  useEffect(() => {
    let live = true;
    Promise.all(notices.map((n) => lineOf(db, n))).then(
      (found) => { if (live) setLines(found); },
      // The desk's copies could not be read: the reasons still say what happened.
      () => { if (live) setLines(notices.map((n) => ({ key: n.key, line: n.reason }))); },
    );
    return () => { live = false; };
  }, [db, notices]);
  // Only what is still said: a notice gone (resolved, dismissed) leaves at once, before the lookup.
  return lines.filter((l) => notices.some((n) => n.key === l.key));
}
