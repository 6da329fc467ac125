/**
 * The app's boot sequence: connect to the main process, open the desk's database
 * and lend it to main, then show first-run setup or the desk. Words come in the machine's
 * language until the clinic's settings are there, then in the clinic's (./language.tsx).
 */
import { useEffect, useMemo, useState } from 'react';
import { recoverOperations } from '../../shared/db/operations.js';
import { OPERATION_REPLAYS } from '../../shared/db/operation-replays.js';
import { deskClock } from './desk-clock.js';
import type { AppInfo, BridgeApi, DeskSyncConfig, MainStatus } from '../../shared/contract/index.js';
import type { ClinicDatabase } from '../../shared/db/database.js';
import { CLINIC_SETTINGS_ID } from '../../shared/schemas/index.js';
import { connectToMain, typedClient } from '../data/main-client.js';
import { exposeDatabaseToMain } from '../data/expose-database.js';
import { openDeskDatabase } from '../data/open-database.js';
import { claimDeskWindow } from '../data/single-window.js';
import { useLiveDocument } from '../data/live-query.js';
import { DeskContext, MainLinkContext, SettingsContext, useDesk, type Connection, type Desk } from './desk-context.js';
import { Layout } from './Layout.js';
import { SetupScreen } from '../features/setup/SetupScreen.js';
import { SignInGate } from '../features/setup/SignInGate.js';
import { useDeskSync } from '../data/sync/use-desk-sync.js';
import type { SyncStatus } from '../data/sync/desk-replication.js';
import { FullPageMessage } from '../ui/FullPageMessage.js';
import { MachineLanguage, ReaderLanguage, useT } from './language.js';

let bootBridge: { bridge: BridgeApi; listeners: Set<(c: boolean) => void>; connected: boolean } | null = null;

/** One bridge per page load (React StrictMode mounts effects twice in development). */
function getBridge() {
  if (!bootBridge) {
    const listeners = new Set<(c: boolean) => void>();
    const state = { bridge: null as unknown as BridgeApi, listeners, connected: false };
    state.bridge = connectToMain((connected) => {
      state.connected = connected;
      for (const l of listeners) l(connected);
    });
    bootBridge = state;
  }
  return bootBridge;
}

let dbPromise: Promise<ClinicDatabase> | null = null;
const SECOND_WINDOW = 'second-window';

export function App() {
  return <MachineLanguage><Boot /></MachineLanguage>;
}

function Boot() {
  const { t } = useT();
  const boot = getBridge();
  const main = useMemo(() => typedClient(boot.bridge), [boot.bridge]);
  const [db, setDb] = useState<ClinicDatabase | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [connection, setConnection] = useState<Connection>(() => ({ online: navigator.onLine, mainConnected: boot.connected, mainStatus: null }));
  const [linkOpens, setLinkOpens] = useState(0);

  useEffect(() => {
    dbPromise ??= claimDeskWindow().then((claimed) => {
      if (!claimed) throw new Error(SECOND_WINDOW);
      return openDeskDatabase();
    }).then(async (opened) => {
      // What a crash left half-done is finished before anyone works (docs/decisions/0025-operations.md);
      // an operation that cannot be finished now stays journaled for the next start.
      await recoverOperations(opened, OPERATION_REPLAYS, deskClock().toISOString()).catch(() => undefined);
      exposeDatabaseToMain(opened, boot.bridge);
      return opened;
    });
    dbPromise.then(setDb, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [boot.bridge]);

  useEffect(() => {
    const onMain = (mainConnected: boolean) => {
      setConnection((c) => ({ ...c, mainConnected }));
      if (mainConnected) {
        // A host that restarted knows nothing of this page: everything shown from main is asked again.
        setLinkOpens((n) => n + 1);
        main.invoke('app.info').then(setInfo, () => undefined);
        main.invoke('app.status').then((mainStatus) => setConnection((c) => ({ ...c, mainStatus })), () => undefined);
      }
    };
    boot.listeners.add(onMain);
    onMain(boot.connected);
    const offStatus = main.on('app.status', (mainStatus: MainStatus) => setConnection((c) => ({ ...c, mainStatus })));
    const onOnline = () => setConnection((c) => ({ ...c, online: navigator.onLine }));
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOnline);
    return () => {
      boot.listeners.delete(onMain);
      offStatus();
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOnline);
    };
  }, [boot, main]);

  const [syncConfig, setSyncConfig] = useState<DeskSyncConfig | null | undefined>(undefined);
  useEffect(() => {
    if (connection.mainConnected && syncConfig === undefined) main.invoke('sync.config').then(setSyncConfig, () => undefined);
  }, [connection.mainConnected, main, syncConfig]);
  const { status: syncStatus, dismiss: dismissNotice } = useDeskSync(db, syncConfig);

  const desk = useMemo<Desk | null>(() => (db ? { db, main, info, syncConfig: syncConfig ?? null } : null), [db, main, info, syncConfig]);

  if (error === SECOND_WINDOW) {
    return <FullPageMessage title={t('app.secondWindow.title')}>{t('app.secondWindow.body')}</FullPageMessage>;
  }
  if (error) {
    return <FullPageMessage title={t('app.openFailed.title')} tone="error">{t('app.openFailed.body', { error })}</FullPageMessage>;
  }
  if (!desk) return <FullPageMessage title={t('app.opening')} busy />;
  return (
    <DeskContext.Provider value={desk}>
      <MainLinkContext.Provider value={linkOpens}>
        <SetupGate connection={connection} syncStatus={syncStatus} onDismissNotice={dismissNotice} />
      </MainLinkContext.Provider>
    </DeskContext.Provider>
  );
}

function SetupGate({ connection, syncStatus, onDismissNotice }: { connection: Connection; syncStatus: SyncStatus | null; onDismissNotice: (key: string) => void }) {
  const desk = useDesk();
  const translator = useT();
  const { t } = translator;
  const settings = useLiveDocument(() => desk.db.settings.findOne(CLINIC_SETTINGS_ID), [desk.db]);
  if (settings === undefined) return <FullPageMessage title={t('app.opening')} busy />;
  if (settings === null) {
    if (desk.info?.demo || connection.mainStatus?.busy) {
      return <FullPageMessage title={connection.mainStatus?.busy != null ? t(connection.mainStatus.busy) : t('app.loadingDemo')} busy />;
    }
    if (desk.syncConfig) {
      // An enrolled desk fills from the server; setup is for a clinic's first desk only.
      const said = syncStatus?.problem ?? syncStatus?.notices.at(-1)?.reason ?? null;
      return <FullPageMessage title={t('app.fetching.title')} busy>{said !== null ? translator.t(said) : t('app.fetching.body')}</FullPageMessage>;
    }
    return <SetupScreen />;
  }
  return (
    <ReaderLanguage clinicLocale={settings.locale} timeZone={settings.timeZone}>
      <SettingsContext.Provider value={settings}>
        <SignInGate>
          <Layout connection={connection} syncStatus={syncStatus} onDismissNotice={onDismissNotice} />
        </SignInGate>
      </SettingsContext.Provider>
    </ReaderLanguage>
  );
}
