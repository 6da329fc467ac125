/**
 * The main process's services, the same in Electron and in the browser host: the
 * contract's handlers, main's handle on the renderer's database, and the events main
 * sends back. Node-only; imported by electron/main and electron/host.
 */
import path from 'node:path';
import { filter, firstValueFrom, of, Subject, timeout } from 'rxjs';
import type { AppInfo, EventChannel, EventPayload, MainStatus, RequestHandlers } from '../../shared/contract/index.js';
import { demoClinic, DEMO_DEFAULTS, type DemoOptions } from '../../shared/domain/demo-clinic.js';
import { isClinicSetUp, seedDemoClinic } from '../../shared/db/setup-commands.js';
import type { ClinicDatabase } from '../../shared/db/database.js';
import type { MessageId } from '../../shared/i18n/text.js';
import { RemoteDatabaseHub } from './database/remote-database.js';
import { createConnections } from './secrets/connections.js';
import { createSecretStore, ownerOnlyFile, type SecretCipher } from './secrets/secret-store.js';
import { createPaymentService, type PaymentService } from './payments/payment-service.js';
import type { StripeConnectionOptions } from './payments/stripe-provider.js';
import { createSyncService, type EmbeddedServerOptions } from './sync/sync-service.js';
import { printHandlers, type PdfPrinter } from './pdf-printer.js';
import { readOrCreateDeskId } from './desk-identity.js';
import { createStaffAuth } from './staff-auth/staff-auth.js';
import { secureDataFolder } from './data-folder.js';

export type DemoRequest = Partial<Omit<DemoOptions, 'now'>>;

/** How long a request that needs the renderer's database waits for main to reach it again (a window reload). */
const DATABASE_WAIT_MS = 8000;

export interface MainServicesOptions {
  info: Omit<AppInfo, 'demo' | 'syncServerUrl' | 'deskId'>;
  /** Where the embedded sync server listens when this desk hosts it. */
  embeddedServer?: EmbeddedServerOptions;
  /** Seed a demo clinic into an empty store (the start command's --demo flag). */
  demo: DemoRequest | null;
  /** Saves the page as a PDF (Electron only); without one, the renderer uses the browser's print dialog. */
  printer?: PdfPrinter;
  now?: () => Date;
  log?: (line: string) => void;
  /** The sandbox pay page's port (0, any free one, when not given; the desk passes 4319). */
  sandboxPort?: number;
  /** Opens a URL in the system browser (the desktop app only). */
  openExternal?: (url: string) => Promise<void>;
  /** Run the scheduler's minute tick (default on). */
  schedulerCron?: boolean;
  /** The tick's cron expression (every minute unless a test asks for faster). */
  schedulerExpression?: string;
  /** Where the Stripe SDK connects; api.stripe.com unless an e2e test points it at the local fake. */
  stripeOptions?: StripeConnectionOptions;
  /** How credentials are kept: Electron's safeStorage in the desktop app; an owner-only file otherwise. */
  secretCipher?: SecretCipher;
  /**
   * A new secret for a staff member who forgot theirs (the only admin), given on the command
   * line by the desk's computer user (--reset-secret): set once the database opens.
   */
  recoverSecret?: SecretRecovery;
}

export interface SecretRecovery {
  readonly name: string;
  readonly secret: string;
  /** Told the outcome in words (printed by the launcher). */
  readonly report: (line: string) => void;
}

export interface OutgoingEvent {
  channel: EventChannel;
  payload: unknown;
}

export interface MainServices {
  readonly handlers: RequestHandlers;
  /** The sync server the renderer may connect to (changes when the desk enrols). */
  syncServerUrl(): string | null;
  /** Starts what must run before the window opens (the embedded sync server). */
  start(): Promise<void>;
  readonly hub: RemoteDatabaseHub;
  readonly events$: Subject<OutgoingEvent>;
  readonly payments: PaymentService;
  close(): Promise<void>;
}

export function createMainServices(options: MainServicesOptions): MainServices {
  // Before any service touches the folder: it may have been made 0755 by someone else's umask (decision 0019).
  secureDataFolder(options.info.dataDir);
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const hub = new RemoteDatabaseHub();
  const deskId = readOrCreateDeskId(options.info.dataDir);
  const events$ = new Subject<OutgoingEvent>();
  const auth = createStaffAuth({
    privateDir: path.join(options.info.dataDir, 'staff-auth'),
    database: () => hub.database$.value,
    awaitDatabase: () => firstValueFrom(hub.database$.pipe(filter((d): d is ClinicDatabase => d !== null), timeout({ first: DATABASE_WAIT_MS, with: () => of(null) }))),
    deskId,
    // `sync` is made below; this is asked only when someone chooses a secret.
    synced: () => sync.serverUrl() !== null,
    now,
  });
  const requireSignedInAdmin = (claimed: string, action: MessageId) => auth.requireSignedIn(claimed, 'admin', action);
  const sync = createSyncService({
    dataDir: options.info.dataDir,
    embedded: options.embeddedServer ?? { port: 4318, host: '127.0.0.1' },
    database: () => hub.database$.value,
    deskId,
    requireSignedInAdmin,
    log,
  });
  const connections = createConnections(createSecretStore(options.info.dataDir, options.secretCipher ?? ownerOnlyFile), requireSignedInAdmin);
  const payments = createPaymentService({
    dataDir: options.info.dataDir,
    requireSignedIn: (claimed, permission, action) => auth.requireSignedIn(claimed, permission, action),
    database: () => hub.database$.value,
    secrets: () => connections.secrets(),
    deskId,
    sandboxPort: options.sandboxPort ?? 0,
    openExternal: options.openExternal,
    cron: options.schedulerCron,
    ...(options.schedulerExpression ? { cronExpression: options.schedulerExpression } : {}),
    ...(options.stripeOptions ? { stripeOptions: options.stripeOptions } : {}),
    now,
    log,
  });
  let busy: MessageId | null = null;

  const status = (): MainStatus => ({ databaseConnected: hub.database$.value !== null, busy });
  const emit = <E extends EventChannel>(channel: E, payload: EventPayload<E>) => events$.next({ channel, payload });

  async function seedIfEmpty(db: ClinicDatabase, request: DemoRequest): Promise<void> {
    if (await isClinicSetUp(db)) return;
    busy = 'app.loadingDemo';
    emit('app.status', status());
    const started = Date.now();
    const demo = demoClinic({ ...DEMO_DEFAULTS, ...request, now: now() });
    await seedDemoClinic(db, demo);
    log(`demo clinic seeded: ${demo.bookings.length} bookings in ${Date.now() - started} ms`);
    busy = null;
  }

  let recovery = options.recoverSecret ?? null;
  const sub = hub.database$.subscribe((db) => {
    emit('app.status', status());
    if (db && recovery) {
      const { name, secret, report } = recovery;
      recovery = null;
      auth.recoverSecret(name, secret).then(report, (err: unknown) => report(`The PIN or password was not changed: ${err instanceof Error ? err.message : String(err)}`));
    }
    if (db && options.demo) {
      seedIfEmpty(db, options.demo)
        .catch((err: unknown) => log(`demo seed failed: ${String(err)}`))
        .finally(() => {
          busy = null;
          emit('app.status', status());
        });
    }
  });

  const handlers: RequestHandlers = {
    'app.info': () => ({ ...options.info, demo: options.demo !== null, syncServerUrl: sync.serverUrl(), deskId }),
    'app.status': () => status(),
    ...auth.handlers,
    ...sync.handlers,
    ...printHandlers(options.printer),
    ...payments.handlers,
    ...connections.handlers,
  };

  return {
    handlers,
    hub,
    events$,
    syncServerUrl: () => sync.serverUrl(),
    payments,
    async start() {
      await sync.start();
      await payments.start();
    },
    async close() {
      sub.unsubscribe();
      await payments.close();
      await hub.close();
      await sync.close();
      events$.complete();
    },
  };
}
