/**
 * What the desk's own sending work and the provider's events may do to a payment request
 * when it is recorded as the system's (docs/decisions/0022-system-write-bounds.md). Asked by
 * the sync server for every pushed system change (shared/sync/push-rules.ts); the desk's
 * scheduler and payment service make only such changes. Pure.
 *
 * - Sending: a scheduled request goes out (sent, failed or of unknown outcome), or is
 *   cancelled or expired because its invoice was settled; the link's amount is fixed then.
 * - The provider: only the moves the one link-status rule (link-request-status.ts) makes
 *   from some event.
 * - A link address comes from the provider once: https on the provider's own host, or the
 *   desk's sandbox and local test provider on this computer's loopback address.
 */
import { LINK_STATUS_LABELS, nextLinkRequestState, type LinkRequestState, type LinkRequestStatus, type LinkStatusEvent } from './link-request-status.js';
import { text as textOf, type Text } from '../i18n/text.js';

type Doc = Readonly<Record<string, unknown>>;

/** The hosts a live payment provider's pay pages are on (Stripe Checkout and Payment Links). */
export const PROVIDER_LINK_HOSTS: ReadonlySet<string> = new Set(['checkout.stripe.com', 'buy.stripe.com']);
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A pay-page address the provider (or the desk's own sandbox) could have given. */
export function isProviderLinkUrl(url: string): boolean {
  const parsed = (() => {
    try {
      return new URL(url);
    } catch {
      return null;
    }
  })();
  if (!parsed) return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.protocol === 'https:' && PROVIDER_LINK_HOSTS.has(parsed.hostname)) return true;
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && LOOPBACK_HOSTS.has(parsed.hostname);
}

const SENDING: Readonly<Partial<Record<LinkRequestStatus, readonly LinkRequestStatus[]>>> = {
  scheduled: ['scheduled', 'sent', 'failed', 'unknown', 'cancelled', 'expired'],
  sent: ['cancelled', 'expired'],
  processing: ['expired'],
};

/** Every status the link-status rule moves `before` to, for any event the provider sends about its link. */
function providerMoves(before: LinkRequestState): Set<LinkRequestStatus> {
  // No link yet: the provider has nothing to report on.
  if (before.providerRef === '') return new Set();
  const events: LinkStatusEvent[] = [
    { type: 'processing', providerRef: before.providerRef }, { type: 'succeeded', providerRef: before.providerRef },
    { type: 'expired', providerRef: before.providerRef }, { type: 'failed', providerRef: before.providerRef, reason: '' },
  ];
  return new Set(events.map((e) => nextLinkRequestState(before, e).status));
}

const text = (d: Doc, k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');

/** The status as staff read it, for a refusal that names it. */
const statusLabel = (status: LinkRequestStatus): Text | string => (status in LINK_STATUS_LABELS ? textOf(LINK_STATUS_LABELS[status]) : status);

/** Why the system may not make this change to a payment request (the sync server's refusal), or null. */
export function systemRequestChangeRefusal(before: Doc | null, after: Doc): Text | null {
  if (!before || before._deleted === true) {
    // The chasing schedules its own steps; a payment link is always someone's (or Automatic's) request.
    if (after.purpose === 'payment_link') return textOf('link.system.byPerson');
    if (after.status !== 'scheduled' || text(after, 'linkUrl') !== '') return textOf('link.system.chasingStartsScheduled');
    return null;
  }
  const from = text(before, 'status') as LinkRequestStatus;
  const to = text(after, 'status') as LinkRequestStatus;
  const state: LinkRequestState = { status: from, problem: text(before, 'problem'), providerRef: text(before, 'providerRef') };
  const allowed = new Set<LinkRequestStatus>([from, ...(SENDING[from] ?? []), ...providerMoves(state)]);
  if (!allowed.has(to)) return textOf('link.system.notThisMove', { from: statusLabel(from), to: statusLabel(to) });
  if (after.amountMinor !== before.amountMinor && from !== 'scheduled') return textOf('link.system.amountFixed');
  const link = text(after, 'linkUrl');
  if (link !== text(before, 'linkUrl')) {
    if (text(before, 'linkUrl') !== '') return textOf('link.system.addressFixed');
    if (!isProviderLinkUrl(link)) return textOf('link.system.notProviderPage');
  }
  return null;
}
