/**
 * The desk's frame: navigation, the current screen, and the status bar, in the signed-in staff
 * member's language (their choice, or the clinic's; ./language.tsx).
 */
import { useDesk, useSettings, type Connection } from './desk-context.js';
import { useSession } from './session.js';
import type { SyncStatus } from '../data/sync/desk-replication.js';
import { routeHref, useRoute, type Route } from './router.js';
import { StatusBar } from './StatusBar.js';
import { CalendarScreen } from '../features/calendar/CalendarScreen.js';
import { ClientsScreen } from '../features/clients/ClientsScreen.js';
import { ClientRecord } from '../features/clients/ClientRecord.js';
import { SettingsScreen } from '../features/settings/SettingsScreen.js';
import { CheckoutScreen } from '../features/pos/CheckoutScreen.js';
import { DaySheetScreen } from '../features/day-sheet/DaySheetScreen.js';
import { PrintScreen } from '../features/print/PrintScreen.js';
import { OutboxScreen } from '../features/payment-links/OutboxScreen.js';
import { NotificationsButton } from '../features/notifications/NotificationsButton.js';
import { NeedsAttentionScreen } from '../features/needs-attention/NeedsAttentionScreen.js';
import { useNeedsAttention } from '../features/needs-attention/use-needs-attention.js';
import { useNoticeLines } from '../features/needs-attention/notice-lines.js';
import type { SyncNotice } from '../data/sync/sync-notices.js';
import { ChangeSecretButton } from '../features/sign-in/ChangeSecretDialog.js';
import { MyLanguage } from '../features/sign-in/MyLanguage.js';
import type { MessageId } from '../../shared/i18n/catalogues/index.js';
import { ReaderLanguage, useT } from './language.js';
import { StrongIn } from '../ui/StrongIn.js';

const NAV: { route: Route; label: MessageId; match: Route['name'][] }[] = [
  { route: { name: 'calendar' }, label: 'nav.calendar', match: ['calendar'] },
  { route: { name: 'clients' }, label: 'nav.clients', match: ['clients', 'client'] },
  { route: { name: 'day-sheet', date: '' }, label: 'nav.daySheet', match: ['day-sheet'] },
  { route: { name: 'outbox' }, label: 'nav.outbox', match: ['outbox'] },
  { route: { name: 'attention' }, label: 'nav.attention', match: ['attention'] },
  { route: { name: 'settings' }, label: 'nav.settings', match: ['settings'] },
];

interface FrameProps {
  connection: Connection;
  syncStatus: SyncStatus | null;
  onDismissNotice: (key: string) => void;
}

export function Layout(props: FrameProps) {
  const settings = useSettings();
  const session = useSession();
  return (
    <ReaderLanguage choice={session.staff.language} clinicLocale={settings.locale} timeZone={settings.timeZone}>
      <Frame {...props} />
    </ReaderLanguage>
  );
}

const NO_NOTICES: readonly SyncNotice[] = [];

function Frame({ connection, syncStatus, onDismissNotice }: FrameProps) {
  const { t } = useT();
  const route = useRoute();
  const settings = useSettings();
  const { info, db } = useDesk();
  const session = useSession();
  const attention = useNeedsAttention(db)?.length ?? 0;
  const notices = useNoticeLines(db, syncStatus?.notices ?? NO_NOTICES);
  // Print views are the page itself: no navigation, no status bar on paper.
  if (route.name === 'print') return <PrintScreen kind={route.kind} id={route.id} />;
  return (
    <div className="layout">
      <a className="skip-link" href="#main">{t('nav.skipToContent')}</a>
      <nav className="sidebar" aria-label={t('nav.main')}>
        <div className="sidebar__clinic" title={settings.clinicName}>{settings.displayName}</div>
        <ul>
          {NAV.map((item) => (
            <li key={item.label}>
              <a href={routeHref(item.route)} aria-current={item.match.includes(route.name) ? 'page' : undefined}>
                {t(item.label)}
                {item.route.name === 'attention' && attention > 0 && <>{' '}<span className="nav__count" aria-hidden="true">{attention}</span><span className="visually-hidden">{t('nav.waiting', { count: attention })}</span></>}
              </a>
            </li>
          ))}
        </ul>
        <NotificationsButton />
        <div className="sidebar__user">
          <div><StrongIn id="nav.signedIn" name="name" value={session.staff.name} /></div>
          <button type="button" className="link-button" onClick={session.signOut}>{t('nav.switchUser')}</button>
          <ChangeSecretButton staff={session.staff} />
          <MyLanguage />
        </div>
      </nav>
      <main className="content" id="main" tabIndex={0} aria-label={t('nav.content')}>
        <Screen route={route} />
      </main>
      <StatusBar connection={connection} syncServerUrl={info?.syncServerUrl ?? null} sync={syncStatus} needsAttention={attention} notices={notices} onDismiss={onDismissNotice} />
    </div>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'calendar':
      return <CalendarScreen />;
    case 'clients':
      return <ClientsScreen />;
    case 'client':
      return <ClientRecord key={route.id} clientId={route.id} tab={route.tab} />;
    case 'checkout':
      return <CheckoutScreen key={route.invoiceId} invoiceId={route.invoiceId} />;
    case 'day-sheet':
      return <DaySheetScreen key={route.date} date={route.date} />;
    case 'print':
      return null;
    case 'outbox':
      return <OutboxScreen />;
    case 'attention':
      return <NeedsAttentionScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}
