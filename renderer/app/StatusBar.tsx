/**
 * Always visible: network, sync and the desk service's state, in plain words — only what is true
 * now. What sync says of one change (waiting, refused, not written) is a notice naming that
 * change, gone when it is settled or dismissed (docs/decisions/0036-status-truth.md).
 */
import { useId } from 'react';
import type { Connection } from './desk-context.js';
import type { SyncStatus } from '../data/sync/desk-replication.js';
import { routeHref } from './router.js';
import { useT } from './language.js';
import { text, type MessageId } from '../../shared/i18n/text.js';
import type { Translator } from '../../shared/i18n/translator.js';
import type { NoticeLine } from '../features/needs-attention/notice-lines.js';

/** At most this many notices show at once, newest first; the rest are counted. */
const NOTICES_SHOWN = 3;

export interface StatusBarProps {
  connection: Connection;
  syncServerUrl: string | null;
  sync: SyncStatus | null;
  needsAttention: number;
  /** The sync's notices as lines (notice-lines.ts), oldest first. */
  notices?: readonly NoticeLine[];
  onDismiss?: (key: string) => void;
}

export function StatusBar({ connection, syncServerUrl, sync, needsAttention, notices = [], onDismiss }: StatusBarProps) {
  const translator = useT();
  const { t } = translator;
  const { online, mainConnected, mainStatus } = connection;
  return (
    <footer className="status-bar" aria-label={t('status.label')}>
      <span className={`status-pill ${online ? 'status-pill--ok' : 'status-pill--warn'}`} role="status">
        <span className="status-dot" aria-hidden="true" />
        {online ? t('status.online') : t('status.offline')}
      </span>
      <SyncPill serverUrl={syncServerUrl} sync={sync} />
      {needsAttention > 0 && (
        <a className="status-pill status-pill--error" href={routeHref({ name: 'attention' })} data-testid="needs-attention">
          {t('status.needsAttention', { count: needsAttention })}
        </a>
      )}
      <span className={`status-pill ${mainConnected ? 'status-pill--ok' : 'status-pill--warn'}`} data-testid="desk-service">
        <span className="status-dot" aria-hidden="true" />
        {mainConnected ? (mainStatus?.databaseConnected === false ? t('status.desk.starting') : t('status.desk.ready')) : t('status.desk.reconnecting')}
      </span>
      {mainStatus?.busy && <span className="status-pill status-pill--busy" role="status">{translator.t(mainStatus.busy)}</span>}
      {syncServerUrl && sync && <Notices lines={notices} onDismiss={onDismiss} />}
    </footer>
  );
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** The time of the last sync to the second, on the clinic's clock in the reader's format (24-hour in Norway). */
function syncClock(instant: string, translator: Pick<Translator, 'locale' | 'timeZone'>): string {
  const key = `${translator.locale}|${translator.timeZone}`;
  let f = clocks.get(key);
  if (!f) clocks.set(key, (f = new Intl.DateTimeFormat(translator.locale, { timeZone: translator.timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit' })));
  return f.format(new Date(instant));
}

function SyncPill({ serverUrl, sync }: { serverUrl: string | null; sync: SyncStatus | null }) {
  const translator = useT();
  const { t } = translator;
  if (!serverUrl) return <span className="status-pill" data-testid="sync-state">{t('status.sync.standalone')}</span>;
  if (!sync) return <span className="status-pill" data-testid="sync-state">{t('status.sync.starting')}</span>;
  const reachable = sync.connected && sync.reachable;
  const tone = sync.stopped ? 'status-pill--error' : reachable ? 'status-pill--ok' : 'status-pill--warn';
  const state: MessageId = sync.stopped ? 'status.sync.stopped'
    : !reachable ? 'status.sync.unreachable'
    : sync.pending > 0 ? 'status.sync.sending'
    : 'status.sync.synced';
  const stateText = text(state, { pending: sync.pending });
  const label = sync.lastSyncAt ? t('status.sync.withLast', { state: stateText, time: syncClock(sync.lastSyncAt, translator) }) : t(stateText);
  return (
    <>
      <span className={`status-pill ${tone}`} data-testid="sync-state" title={serverUrl}>
        <span className="status-dot" aria-hidden="true" />{label}
      </span>
      {sync.problem && <span className="status-pill status-pill--error" role="alert" data-testid="sync-problem">{translator.t(sync.problem)}</span>}
    </>
  );
}

function Notices({ lines, onDismiss }: { lines: readonly NoticeLine[]; onDismiss: ((key: string) => void) | undefined }) {
  const { t } = useT();
  const shown = [...lines].reverse().slice(0, NOTICES_SHOWN);
  const more = lines.length - shown.length;
  return (
    <>
      {shown.map((n) => <Notice key={n.key} line={n} onDismiss={onDismiss} />)}
      {more > 0 && <span className="status-pill" data-testid="sync-notices-more">{t('status.notice.more', { count: more })}</span>}
    </>
  );
}

function Notice({ line, onDismiss }: { line: NoticeLine; onDismiss: ((key: string) => void) | undefined }) {
  const { t } = useT();
  const id = useId();
  return (
    <span className="status-pill status-pill--error status-notice" data-testid="sync-notice">
      <span role="alert" id={id}>{t(line.line)}</span>
      {onDismiss && (
        <button type="button" className="status-notice__dismiss" aria-describedby={id} onClick={() => onDismiss(line.key)}>
          {t('status.notice.dismiss')}
        </button>
      )}
    </span>
  );
}
