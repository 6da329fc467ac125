/**
 * Main's part of syncing: this desk's sync configuration, the account calls to the
 * clinic's sync server (create the clinic, enrol, codes, devices, leave), and the
 * embedded server a desk can host for its clinic. Node-only.
 */
import path from 'node:path';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { text, type MessageId } from '../../../shared/i18n/text.js';
import { isClinicSetUp } from '../../../shared/db/setup-commands.js';
import { newId } from '../../../shared/domain/ids.js';
import type { DeskSyncConfig, RequestHandlers } from '../../../shared/contract/index.js';
import type { TlsFiles } from '../../../server/config/tls.js';
import { startEmbeddedServer } from '../../../server/embedded.js';
import { readSyncConfig, writeSyncConfig } from './desk-sync-config.js';
import { createClinicOnServer, createEnrollmentCode, enrollDesk, listDevices, revokeDevice, ServerRefusal } from './sync-admin.js';

export interface EmbeddedServerOptions {
  port: number;
  host: string;
  /** STRIPE_WEBHOOK_SECRET of the desk's environment: the hosted server accepts Stripe's events with it. */
  stripeWebhookSecret?: string;
  /** FRONTDESK_TLS_KEY_FILE / FRONTDESK_TLS_CERT_FILE of the desk's environment: the hosted server speaks HTTPS (README). */
  tls?: TlsFiles | null;
}

/** The hosted server's Stripe signing secret, from the environment as for `npm run server` (README). */
export function stripeWebhookSecretFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  return env.STRIPE_WEBHOOK_SECRET?.trim() || undefined;
}

export interface SyncServiceOptions {
  dataDir: string;
  embedded: EmbeddedServerOptions;
  database: () => ClinicDatabase | null;
  /** This desk's id (desk-identity.ts), told to the server when the desk enrols. */
  deskId: string;
  /** Resolves when `claimed` is the staff member main has signed in and an admin (staff-auth); `action` names what for. */
  requireSignedInAdmin: (claimed: string, action: MessageId) => Promise<unknown>;
  log: (line: string) => void;
}

type SyncHandlers = Pick<RequestHandlers, 'sync.config' | 'sync.createClinic' | 'sync.enroll' | 'sync.createEnrollmentCode' | 'sync.devices' | 'sync.revokeDevice' | 'sync.leave'>;

export interface SyncService {
  readonly handlers: SyncHandlers;
  /** The server this desk syncs with, for the CSP's connect-src. */
  serverUrl(): string | null;
  /** Starts the embedded server when this desk hosts it. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createSyncService(options: SyncServiceOptions): SyncService {
  let config: DeskSyncConfig | null = readSyncConfig(options.dataDir);
  let embedded: Awaited<ReturnType<typeof startEmbeddedServer>> | null = null;

  async function ensureEmbedded() {
    embedded ??= await startEmbeddedServer({ dataDir: path.join(options.dataDir, 'server'), port: options.embedded.port, host: options.embedded.host, stripeWebhookSecret: options.embedded.stripeWebhookSecret, tls: options.embedded.tls });
    options.log(`this desk hosts the clinic's sync server at ${embedded.url}`);
    return embedded;
  }

  function save(next: DeskSyncConfig | null): void {
    writeSyncConfig(options.dataDir, next);
    config = next;
  }

  function connected(): DeskSyncConfig {
    if (!config) throw new ServerRefusal(0, text('connection.notConnected'));
    return config;
  }

  const handlers: SyncHandlers = {
    'sync.config': () => config,
    'sync.createClinic': async ({ clinicName, admin, deviceName, target }) => {
      if (config) throw new ServerRefusal(0, text('connection.alreadyConnected'));
      // A desk with a clinic uploads all of it: only its signed-in admin may send it to a server.
      // During setup there is nothing yet but what setup itself is about to write.
      const db = options.database();
      if (db && (await isClinicSetUp(db))) await options.requireSignedInAdmin(admin.id, 'connection.action.createClinic');
      const server = target.kind === 'embedded' ? await ensureEmbedded() : { url: target.serverUrl, adminSecret: target.adminSecret };
      const creds = await createClinicOnServer(server.url, server.adminSecret, { clinicId: newId(), clinicName, admin, deviceName, deskId: options.deskId });
      save({ serverUrl: server.url, clinicId: creds.clinicId, deviceId: creds.deviceId, deviceToken: creds.deviceToken, embedded: target.kind === 'embedded' });
      return config!;
    },
    'sync.enroll': async ({ serverUrl, code, deviceName }) => {
      if (config) throw new ServerRefusal(0, text('connection.alreadyConnected'));
      const db = options.database();
      if (db && (await isClinicSetUp(db))) {
        throw new ServerRefusal(0, text('connection.holdsClinic'));
      }
      const creds = await enrollDesk(serverUrl, code, deviceName, options.deskId);
      save({ serverUrl: new URL(serverUrl).origin + '/', clinicId: creds.clinicId, deviceId: creds.deviceId, deviceToken: creds.deviceToken, embedded: false });
      return config!;
    },
    'sync.createEnrollmentCode': async ({ staffId }) => {
      const c = connected();
      await options.requireSignedInAdmin(staffId, 'connection.action.createCode');
      return createEnrollmentCode(c.serverUrl, c.deviceToken, staffId);
    },
    'sync.devices': async ({ staffId }) => {
      const c = connected();
      await options.requireSignedInAdmin(staffId, 'connection.action.listDesks');
      return listDevices(c.serverUrl, c.deviceToken, staffId);
    },
    'sync.revokeDevice': async ({ staffId, deviceId }) => {
      const c = connected();
      if (deviceId === c.deviceId) throw new ServerRefusal(0, text('connection.revokeSelf'));
      await options.requireSignedInAdmin(staffId, 'connection.action.revokeDesk');
      return revokeDevice(c.serverUrl, c.deviceToken, staffId, deviceId);
    },
    'sync.leave': async ({ staffId }) => {
      const c = connected();
      if (c.embedded) throw new ServerRefusal(0, text('connection.hostsServer'));
      await options.requireSignedInAdmin(staffId, 'connection.action.leave');
      await revokeDevice(c.serverUrl, c.deviceToken, staffId, c.deviceId);
      save(null);
    },
  };

  return {
    handlers,
    serverUrl: () => config?.serverUrl ?? null,
    async start() {
      if (config?.embedded) await ensureEmbedded();
    },
    async close() {
      await embedded?.close();
      embedded = null;
    },
  };
}
