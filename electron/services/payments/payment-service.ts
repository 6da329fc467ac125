/**
 * Main's payment-link service: the provider (the sandbox until Stripe keys are entered),
 * the messaging transport (the outbox folder until SMTP/SMS are set up), the claim store
 * and the minute scheduler, wired to the renderer's database through main's handle on
 * it. Provider events that arrive while the database is not connected wait and are
 * applied on the next tick. Node-only; created by main-services for Electron and the
 * browser host alike.
 */
import path from 'node:path';
import { schedule, type ScheduledTask } from 'node-cron';
import type { OutboxEntry, RefundToCardInput, RefundToCardResult, SchedulerReport } from '../../../shared/contract/index.js';
import type { Permission } from '../../../shared/domain/permissions.js';
import { RefusedError } from '../../../shared/domain/result.js';
import { readerLanguage } from '../../../shared/i18n/locale.js';
import { text, type MessageId } from '../../../shared/i18n/text.js';
import type { StaffDoc } from '../../../shared/schemas/index.js';
import { createRefundToCard } from './refund-to-card.js';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { CLINIC_SETTINGS_ID } from '../../../shared/schemas/index.js';
import { readSyncConfig } from '../sync/desk-sync-config.js';
import { listOutbox } from '../messaging/outbox.js';
import { OUTBOX_FOLDER } from '../messaging/outbox-files.js';
import { createMessageTransport } from '../messaging/transport.js';
import type { MessageTransport } from '../messaging/types.js';
import { createFileClaimStore, type ClaimStore } from '../scheduler/claims.js';
import { createServerClaimStore } from '../scheduler/server-claims.js';
import { createScheduler, type Scheduler } from '../scheduler/scheduler.js';
import type { SenderDeps } from '../scheduler/send-request.js';
import { applyProviderEvent } from './apply-provider-event.js';
import { createSandbox } from './sandbox-provider.js';
import { createStripeProvider, type StripeConnectionOptions } from './stripe-provider.js';
import { createStripeEventPoller, type StripeEventPoller } from './stripe-event-poller.js';
import type { DeskProviderEvent, PaymentProvider } from './types.js';
import type { Secrets } from '../secrets/secret-store.js';
import { returnPageRefusal } from '../../../shared/domain/return-page.js';

export interface PaymentServiceOptions {
  readonly dataDir: string;
  readonly database: () => ClinicDatabase | null;
  /** The clinic's credentials, read fresh for each pass (they can change in Settings). */
  readonly secrets?: () => Secrets;
  /** The sandbox pay page's port (0: any free one). */
  readonly sandboxPort: number;
  readonly sandboxHost?: string;
  /** Opens a URL in the system browser (the desktop app); absent in the browser host. */
  readonly openExternal?: (url: string) => Promise<void>;
  /** Run the minute tick (off in tests that tick by hand). */
  readonly cron?: boolean;
  readonly cronExpression?: string;
  readonly now: () => Date;
  /** This desk's id, recorded on the system's own writes (docs/design.md invariant 11). */
  readonly deskId: string;
  readonly log: (line: string) => void;
  /** Where the Stripe SDK connects (tests point it at the local Stripe fake). */
  readonly stripeOptions?: StripeConnectionOptions;
  /** Replaces the outbox transport (tests). */
  readonly transport?: MessageTransport;
  /** How often a standalone desk asks Stripe for events while one of its links is open. */
  readonly openLinkPollMs?: number;
  /** Main's check of who is signed in (staff-auth), for what a role decides here: Refund to card. */
  readonly requireSignedIn?: (claimed: string, permission: Permission, action: MessageId) => Promise<StaffDoc>;
}

/**
 * The provider, creating each link in its client's language (docs/decisions/0033-languages.md):
 * the client's own choice, else the clinic's. A request that names its language keeps it.
 */
function inClientLanguage(provider: PaymentProvider, db: ClinicDatabase, clinicLocale: string): PaymentProvider {
  return {
    ...provider,
    async createLink(request) {
      if (request.language) return provider.createLink(request);
      const invoice = await db.invoices.findOne(request.invoiceId).exec();
      const client = invoice ? await db.clients.findOne(invoice.clientId).exec() : null;
      return provider.createLink({ ...request, language: readerLanguage(client?.language, clinicLocale) });
    },
  };
}

/**
 * A standalone desk with Stripe has no webhooks: while a link is open it asks Stripe this
 * often, so the open invoice turns paid within seconds (docs/product.md §3: "within two seconds" is
 * met by webhooks on enrolled desks; here it is this interval plus one request).
 */
export const OPEN_LINK_POLL_MS = 1_500;

export interface PaymentService {
  readonly handlers: {
    'payments.sendDue': () => Promise<SchedulerReport>;
    'payments.openLink': (input: { requestId: string }) => Promise<{ opened: boolean; url: string }>;
    'payments.refundToCard': (input: RefundToCardInput) => Promise<RefundToCardResult>;
    'outbox.list': () => Promise<OutboxEntry[]>;
  };
  readonly scheduler: Scheduler;
  sandboxUrl(): string;
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createPaymentService(options: PaymentServiceOptions): PaymentService {
  const now = options.now;
  const outboxDir = path.join(options.dataDir, OUTBOX_FOLDER);
  const waiting: DeskProviderEvent[] = [];
  let locale = 'en-GB';
  let fromAddress = 'no-reply@frontdesk.invalid';
  let provider: 'sandbox' | 'stripe' = 'sandbox';

  const apply = async (event: DeskProviderEvent) => {
    const db = options.database();
    if (!db) {
      waiting.push(event);
      return;
    }
    try {
      const result = await applyProviderEvent(db, event, now().toISOString(), options.deskId);
      if (result === 'unknown-request') options.log(`payment event ${event.eventId} names an unknown payment request`);
      if (result === 'waiting') options.log(`refund event ${event.eventId} names a payment this desk does not hold yet: it waits for it`);
      // The clinic's "paid by link" email goes out from the scheduler's pass (clinic-notices.ts),
      // which also sees payments the sync server applied from Stripe's webhooks.
      if (result === 'applied' && event.type === 'succeeded') void scheduler.tick().catch((err: unknown) => options.log(`scheduler: ${String(err)}`));
    } catch (err) {
      options.log(`payment event ${event.eventId} could not be applied yet: ${String(err)}`);
      waiting.push(event);
    }
  };
  const sandbox = createSandbox({ dataDir: options.dataDir, port: options.sandboxPort, host: options.sandboxHost, locale: () => locale, onEvent: apply, now });
  // The outbox until the clinic sets up SMTP and an SMS provider: nothing leaves the desk.
  // Rebuilt when the clinic's sender address changes.
  let built: { key: string; transport: MessageTransport } | null = null;
  const transportFor = (from: string, secrets: Secrets): MessageTransport => {
    if (options.transport) return options.transport;
    const key = JSON.stringify([from, secrets.smtp ?? null, secrets.sms ?? null]);
    if (built?.key !== key) {
      built = {
        key,
        transport: createMessageTransport({
          email: secrets.smtp ? { kind: 'smtp', ...secrets.smtp } : { kind: 'outbox', dir: path.join(outboxDir, 'email'), fromAddress: from },
          sms: secrets.sms ? { kind: 'twilio', ...secrets.sms } : { kind: 'outbox', dir: path.join(outboxDir, 'sms') },
          retry: { attempts: 3, baseMs: 2000 },
          now,
        }),
      };
    }
    return built.transport;
  };
  let poller: { key: string; poller: StripeEventPoller } | null = null;
  const pollerFor = (secretKey: string): StripeEventPoller => {
    if (poller?.key !== secretKey) {
      const openSessions = async (): Promise<string[]> => {
        const db = options.database();
        if (!db) return [];
        const open = await db.paymentrequests.find({ selector: { status: { $in: ['sent', 'processing'] } } }).exec();
        return open.map((r) => r.providerRef).filter((ref) => ref.startsWith('cs_'));
      };
      poller = { key: secretKey, poller: createStripeEventPoller({ secretKey, dataDir: options.dataDir, apply, log: options.log, openSessions, now, ...(options.stripeOptions ? { stripeOptions: options.stripeOptions } : {}) }) };
    }
    return poller.poller;
  };
  /** Stripe's events for a standalone desk on Stripe; one poll at a time (the tick and the open-link timer share it). */
  let polling: Promise<unknown> | null = null;
  const pollStripe = (): Promise<unknown> => {
    const secrets = options.secrets?.() ?? {};
    if (provider !== 'stripe' || !secrets.stripeSecretKey || readSyncConfig(options.dataDir)) return Promise.resolve();
    polling ??= pollerFor(secrets.stripeSecretKey).poll()
      .catch((err: unknown) => options.log(`Stripe events: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => { polling = null; });
    return polling;
  };
  let openLinkTimer: NodeJS.Timeout | null = null;
  const pollWhileLinksOpen = async () => {
    const db = options.database();
    if (!db || provider !== 'stripe') return;
    const open = await db.paymentrequests.findOne({ selector: { status: { $in: ['sent', 'processing'] } } }).exec();
    if (open) await pollStripe();
  };
  // Stripe once the clinic chose it and its key is here; the sandbox otherwise.
  let stripe: { key: string; provider: PaymentProvider } | null = null;
  const providerFor = (secrets: Secrets): PaymentProvider => {
    if (provider !== 'stripe' || !secrets.stripeSecretKey) return sandbox.provider;
    // The page after paying is the clinic's public https page (docs/decisions/0026): never this
    // desk's own address, which on the client's phone means the phone itself. deps() checks it.
    const returnUrl = secrets.stripeReturnUrl ?? '';
    const key = `${secrets.stripeSecretKey}|${returnUrl}`;
    if (stripe?.key !== key) {
      stripe = { key, provider: createStripeProvider({ secretKey: secrets.stripeSecretKey, now, successUrl: returnUrl, cancelUrl: returnUrl, ...(options.stripeOptions ? { stripeOptions: options.stripeOptions } : {}) }) };
    }
    return stripe.provider;
  };
  // A standalone desk claims in its own folder; an enrolled desk at the clinic's server.
  const localClaims = createFileClaimStore(path.join(options.dataDir, 'message-claims'));
  let serverClaims: { key: string; store: ClaimStore } | null = null;
  const claimsFor = (sync: { serverUrl: string; deviceToken: string } | null): ClaimStore => {
    if (!sync) return localClaims;
    const key = `${sync.serverUrl}|${sync.deviceToken}`;
    if (serverClaims?.key !== key) serverClaims = { key, store: createServerClaimStore(sync) };
    return serverClaims.store;
  };

  let keyMissingLogged = false;
  let pageMissingLogged = false;
  const deps = (): SenderDeps | null => {
    const db = options.database();
    if (!db) return null;
    const sync = readSyncConfig(options.dataDir);
    const secrets = options.secrets?.() ?? {};
    // Credentials are kept per desk (docs/decisions/0011). When the clinic takes payments
    // through Stripe, a desk without the key would send sandbox links (no real money) and
    // its messages through whatever it has (the outbox): it leaves the clinic's sending —
    // links, chasing steps, the clinic's notices — to the desks that hold the key.
    if (provider === 'stripe' && !secrets.stripeSecretKey) {
      if (!keyMissingLogged) options.log("the clinic uses Stripe but this desk has no Stripe key: it sends no links or messages");
      keyMissingLogged = true;
      return null;
    }
    keyMissingLogged = false;
    if (provider === 'stripe' && returnPageRefusal(secrets.stripeReturnUrl ?? '') !== null) {
      if (!pageMissingLogged) options.log('the clinic uses Stripe but this desk has no page for clients after paying (Settings → Connections): it sends no links or messages');
      pageMissingLogged = true;
      return null;
    }
    pageMissingLogged = false;
    return { db, provider: inClientLanguage(providerFor(secrets), db, locale), transport: transportFor(fromAddress, secrets), claims: claimsFor(sync), clinicId: sync?.clinicId ?? 'standalone', synced: sync !== null, deskId: options.deskId, now, log: options.log };
  };
  const refundToCard = createRefundToCard({
    dataDir: options.dataDir,
    requireSignedIn: options.requireSignedIn ?? (async () => { throw new RefusedError({ text: text('main.noSignInCheck') }); }),
    deps: () => {
      const d = deps();
      return d ? { db: d.db, provider: d.provider, claims: d.claims, clinicId: d.clinicId, deskId: d.deskId, now } : null;
    },
  });
  // The service ticks (it refreshes settings and applies waiting events first), not the bare scheduler.
  const scheduler = createScheduler(deps);
  let task: ScheduledTask | null = null;
  const tick = async (): Promise<SchedulerReport> => {
    const db = options.database();
    if (db) {
      const settings = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
      if (settings) {
        provider = settings.paymentProvider;
        locale = settings.locale;
        fromAddress = settings.supportEmail || fromAddress;
      }
      for (const event of waiting.splice(0)) await apply(event);
      // A standalone desk has no server to receive Stripe's webhooks: it asks Stripe.
      await pollStripe();
    }
    return scheduler.tick();
  };

  return {
    scheduler,
    sandboxUrl: () => sandbox.url(),
    handlers: {
      'payments.sendDue': tick,
      'payments.refundToCard': refundToCard,
      async 'payments.openLink'({ requestId }) {
        const db = options.database();
        const request = db ? await db.paymentrequests.findOne(requestId).exec() : null;
        if (!request || !request.linkUrl) throw new RefusedError({ text: text('main.linkNotCreated') });
        const url = new URL(request.linkUrl);
        if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RefusedError({ text: text('main.notWebLink') });
        if (!options.openExternal) return { opened: false, url: url.href };
        await options.openExternal(url.href);
        return { opened: true, url: url.href };
      },
      async 'outbox.list'() {
        const [emails, sms] = await Promise.all([listOutbox(path.join(outboxDir, 'email')), listOutbox(path.join(outboxDir, 'sms'))]);
        return [...emails, ...sms].sort((a, b) => (a.at < b.at ? 1 : -1));
      },
    },
    async start() {
      await sandbox.start();
      // A pass fails when the desk window goes away under it (a reload, the setup's restart):
      // logged, and the next tick tries again. Unhandled, it would end main's process.
      const tickInBackground = () => { void tick().catch((err: unknown) => options.log(`scheduler: ${String(err)}`)); };
      if (options.cron !== false) {
        task = schedule(options.cronExpression ?? '* * * * *', tickInBackground, { name: 'frontdesk-payments' });
        openLinkTimer = setInterval(() => { void pollWhileLinksOpen().catch((err: unknown) => options.log(`open links: ${String(err)}`)); }, options.openLinkPollMs ?? OPEN_LINK_POLL_MS);
        openLinkTimer.unref();
      }
      tickInBackground();
    },
    async close() {
      await task?.stop();
      task = null;
      if (openLinkTimer) clearInterval(openLinkTimer);
      openLinkTimer = null;
      await polling;
      await scheduler.stop();
      await sandbox.close();
    },
  };
}
