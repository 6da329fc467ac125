/**
 * The sandbox payment provider: a local pay page for demos and end-to-end tests, served
 * by main on 127.0.0.1 (browser host mode and the desktop app alike). Its page has
 * "Pay", "Decline" and "Processing, then paid" buttons, in the client's language (the link's,
 * else the clinic's), and it produces the same events a
 * Stripe Checkout payment does (shared/domain/payment-link-events.ts). Links survive a
 * restart (a JSON file in the data folder). Node-only; imported by main's services.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { LinkEvent } from '../../../shared/domain/payment-link-events.js';
import { isCurrency } from '../../../shared/domain/money.js';
import { RefusedError } from '../../../shared/domain/result.js';
import { isLanguage, type Language } from '../../../shared/i18n/catalogues/index.js';
import { languageOfLocale } from '../../../shared/i18n/locale.js';
import { text } from '../../../shared/i18n/text.js';
import { createTranslator, type Translator } from '../../../shared/i18n/translator.js';
import type { LinkEnd, LinkRequest, LinkRetirement, PaymentLink, PaymentProvider, RefundRequest } from './types.js';
import { payPage } from './sandbox-page.js';
import { writePrivateFile } from '../private-files.js';

interface SandboxLink {
  readonly ref: string;
  readonly requestId: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly description: string;
  readonly expiresAt: string;
  readonly idempotencyKey: string;
  /** The client's language for the page (absent in files from before languages: the clinic's). */
  readonly language?: Language;
  state: 'open' | 'processing' | 'paid' | 'expired' | 'replaced';
  /** Refunds to card of this link's payment (absent in files from before refunds). */
  refunds?: { readonly id: string; readonly amountMinor: number; readonly key: string; readonly at: number; readonly metadata: Record<string, string> }[];
}

export interface SandboxOptions {
  readonly dataDir: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The clinic's locale: its formats, and the page's language when a link names none. */
  readonly locale: () => string;
  readonly onEvent: (event: LinkEvent) => Promise<void> | void;
  readonly now: () => Date;
  /** Delay between "processing" and "paid" for the slow button. */
  readonly processingMs?: number;
}

export interface Sandbox {
  readonly provider: PaymentProvider;
  start(): Promise<void>;
  /** Base URL of the pay pages, e.g. http://127.0.0.1:4319. */
  url(): string;
  close(): Promise<void>;
}

export function createSandbox(options: SandboxOptions): Sandbox {
  const now = options.now;
  const file = path.join(options.dataDir, 'sandbox-links.json');
  const links = new Map<string, SandboxLink>(readLinks(file).map((l) => [l.ref, l]));
  const byKey = new Map([...links.values()].map((l) => [l.idempotencyKey, l]));
  let server: http.Server | null = null;
  let base = '';
  let eventCounter = 0;
  const timers = new Set<NodeJS.Timeout>();

  // Amounts and invoice numbers: private like the rest of the data folder (private-files.ts).
  const save = () => writePrivateFile(file, JSON.stringify([...links.values()], null, 1));
  const eventId = () => `evt_sbx_${now().getTime().toString(36)}_${++eventCounter}`;
  const emit = async (event: LinkEvent) => {
    try {
      await options.onEvent(event);
    } catch {
      // The applier logs its own failures; the page still answers the client.
    }
  };

  const provider: PaymentProvider = {
    kind: 'sandbox',
    async createLink(request: LinkRequest): Promise<PaymentLink> {
      // The same idempotency key gives the same link, as with Stripe.
      const existing = byKey.get(request.idempotencyKey);
      if (existing) return { url: `${base}/pay/${existing.ref}`, providerRef: existing.ref, expiresAt: existing.expiresAt };
      if (!Number.isInteger(request.amountMinor) || request.amountMinor <= 0) throw new RefusedError({ text: text('sandbox.amountNotPositive') });
      const ref = `sbx_${randomBytes(9).toString('base64url')}`;
      const link: SandboxLink = {
        ref, requestId: request.requestId, amountMinor: request.amountMinor, currency: request.currency, description: request.description, expiresAt: request.expiresAt,
        idempotencyKey: request.idempotencyKey, ...(request.language ? { language: request.language } : {}), state: 'open',
      };
      links.set(ref, link);
      byKey.set(request.idempotencyKey, link);
      save();
      return { url: `${base}/pay/${ref}`, providerRef: ref, expiresAt: request.expiresAt };
    },
    async refundable(paymentRef: string): Promise<number> {
      const link = paidLink(paymentRef);
      return link ? link.amountMinor - (link.refunds ?? []).reduce((s, r) => s + r.amountMinor, 0) : 0;
    },
    // As Stripe: one refund per idempotency key; never more than is left of the payment.
    async refund(request: RefundRequest): Promise<unknown> {
      const link = paidLink(request.paymentRef);
      if (!link) throw new RefusedError({ text: text('sandbox.noSuchPayment') });
      link.refunds ??= [];
      let made = link.refunds.find((r) => r.key === request.idempotencyKey);
      if (!made) {
        const left = link.amountMinor - link.refunds.reduce((s, r) => s + r.amountMinor, 0);
        // What is left in minor units, as the sandbox's developers read it.
        if (!Number.isInteger(request.amountMinor) || request.amountMinor <= 0 || request.amountMinor > left) throw new RefusedError({ text: text('sandbox.refundTooMuch', { left: String(left) }) });
        made = { id: `re_sbx_${randomBytes(9).toString('base64url')}`, amountMinor: request.amountMinor, key: request.idempotencyKey, at: Math.floor(now().getTime() / 1000), metadata: { ...request.metadata } };
        link.refunds.push(made);
        save();
      }
      return { id: made.id, object: 'refund', amount: made.amountMinor, currency: link.currency.toLowerCase(), payment_intent: request.paymentRef, status: 'succeeded', created: made.at, metadata: made.metadata };
    },
    async expireLink(ref: string, reason: LinkRetirement = 'closed'): Promise<LinkEnd> {
      const link = links.get(ref);
      if (link?.state === 'paid' || link?.state === 'processing') return 'completed';
      if (!link || link.state !== 'open') return 'expired';
      link.state = reason === 'replaced' ? 'replaced' : 'expired';
      save();
      return 'expired';
    },
  };

  /** The paid link whose payment this is (the sandbox names a payment `pi_<link>`). */
  const paidLink = (paymentRef: string) => {
    const link = paymentRef.startsWith('pi_') ? links.get(paymentRef.slice(3)) : undefined;
    return link?.state === 'paid' ? link : undefined;
  };
  const expired = (link: SandboxLink) => link.state === 'expired' || (link.state === 'open' && Date.parse(link.expiresAt) <= now().getTime());

  async function act(link: SandboxLink, action: string): Promise<string> {
    if (expired(link)) {
      if (link.state === 'open') {
        link.state = 'expired';
        save();
        await emit({ type: 'expired', eventId: eventId(), requestId: link.requestId, providerRef: link.ref });
      }
      return 'expired';
    }
    // A replaced or closed link takes nothing, whatever the page posts.
    if (link.state !== 'open') return link.state;
    const succeed = async () => {
      link.state = 'paid';
      save();
      const currency = isCurrency(link.currency) ? link.currency : 'NOK';
      await emit({ type: 'succeeded', eventId: eventId(), requestId: link.requestId, providerRef: link.ref, paymentRef: `pi_${link.ref}`, amountMinor: link.amountMinor, currency, at: now().toISOString() });
    };
    if (action === 'pay') {
      await succeed();
      return 'paid';
    }
    if (action === 'decline') {
      await emit({ type: 'failed', eventId: eventId(), requestId: link.requestId, providerRef: link.ref, reason: 'the card was declined (sandbox)' });
      return 'declined';
    }
    if (action === 'process') {
      link.state = 'processing';
      save();
      await emit({ type: 'processing', eventId: eventId(), requestId: link.requestId, providerRef: link.ref });
      const t = setTimeout(() => { timers.delete(t); void succeed(); }, options.processingMs ?? 1500);
      timers.add(t);
      return 'processing';
    }
    return 'open';
  }

  /** The page's words: the link's client's language, else the clinic's; the clinic's formats. */
  const translatorFor = (link: SandboxLink | undefined): Translator => {
    const locale = options.locale();
    const language = link?.language && isLanguage(link.language) ? link.language : languageOfLocale(locale);
    return createTranslator({ language, clinicLocale: locale, timeZone: 'UTC' });
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const m = /^\/pay\/([A-Za-z0-9_-]+)(?:\/(pay|decline|process))?$/.exec(url.pathname);
    const link = m ? links.get(m[1]!) : undefined;
    const tr = translatorFor(link);
    const send = (status: number, body: string) => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      }).end(body);
    };
    if (!m || !link) return send(404, payPage({ state: 'missing' }, tr));
    const shown = { amount: tr.money(link.amountMinor, isCurrency(link.currency) ? link.currency : 'NOK'), description: link.description, ref: link.ref };
    if (req.method === 'POST' && m[2]) {
      const outcome = await act(link, m[2]);
      return send(200, payPage({ state: outcome as 'paid' | 'declined' | 'processing' | 'expired' | 'replaced' | 'open', ...shown }, tr));
    }
    if (req.method !== 'GET') return send(405, payPage({ state: 'missing' }, tr));
    return send(200, payPage({ state: expired(link) ? 'expired' : link.state, ...shown }, tr));
  }

  return {
    provider,
    url: () => base,
    async start() {
      if (server) return;
      server = http.createServer((req, res) => {
        handle(req, res).catch(() => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(translatorFor(undefined).t('payPage.failed')));
      });
      const listen = (port: number) => new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, options.host ?? '127.0.0.1', () => resolve());
      });
      try {
        await listen(options.port);
      } catch (err) {
        // Another desk on this machine has the usual port: any free one will do for new links.
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || options.port === 0) throw err;
        await listen(0);
      }
      const address = server.address() as { port: number };
      base = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => { s.closeAllConnections(); s.close(() => resolve()); });
    },
  };
}

function readLinks(file: string): SandboxLink[] {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    return Array.isArray(parsed) ? (parsed as SandboxLink[]) : [];
  } catch {
    return [];
  }
}
