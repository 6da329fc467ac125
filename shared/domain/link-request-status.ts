/**
 * The one rule for what a payment provider's event does to a payment request, whoever
 * applies it: the desk's applier (electron/services/payments/apply-link-event.ts: the
 * sandbox, a standalone desk's polled Stripe events) and the sync server's
 * (server/payments/apply-stripe-event.ts: Stripe's webhooks). Pure; imported by those two,
 * shared/domain/payment-link-events.ts and the screens that show the notice.
 *
 * One event is applied to the request as it is stored, and the rule is a join: applying
 * events in any order, any number of times each, ends in the same status and problem. So
 * neither side needs to keep the events it has seen (docs/decisions/0015-link-status-rule.md):
 *
 * - a request closed at the desk (cancelled, superseded) or expired keeps its status; money
 *   on it is recorded all the same (never lost) and the request carries the paid-on-closed
 *   notice, so staff refund it or keep it as credit;
 * - otherwise the strongest outcome wins: expired > paid > failed > processing > (no event).
 *   A Checkout Session that completed unpaid (processing) and then failed has failed; one
 *   that failed, whatever came before, leaves the link usable again (sent, with the reason);
 *   an expiry after a payment is a paid-on-closed link;
 * - two failures keep the smaller reason text (any fixed choice commutes);
 * - the expiry of a link the request no longer uses (an attempt replaced by a newer one)
 *   says nothing about the request; its processing, failure and payment do;
 * - refunds never move the status (they are not link events: shared/domain/refund-facts.ts).
 */
import type { PaymentRequestDoc } from '../schemas/index.js';
import type { MessageId } from '../i18n/text.js';

export type LinkRequestStatus = PaymentRequestDoc['status'];

/** What the rule needs of an event: its outcome and the link (Checkout Session) it was about, '' when unknown. */
export type LinkStatusEvent =
  | { readonly type: 'processing' | 'succeeded' | 'expired'; readonly providerRef: string }
  | { readonly type: 'failed'; readonly providerRef: string; readonly reason: string };

export interface LinkRequestState {
  readonly status: LinkRequestStatus;
  readonly problem: string;
  /** The request's current link ('' while none is recorded). */
  readonly providerRef: string;
}

export interface LinkRequestStep {
  readonly status: LinkRequestStatus;
  readonly problem: string;
  /** 'record': the event carries money (a payment) to record once, whatever the status. */
  readonly money: 'record' | 'none';
  /** Money came on a request that was cancelled, superseded or expired. */
  readonly flag: 'paid-on-closed-link' | null;
}

type ClosedStatus = 'cancelled' | 'superseded' | 'expired';
const CLOSED: ReadonlySet<LinkRequestStatus> = new Set<LinkRequestStatus>(['cancelled', 'superseded', 'expired']);

/**
 * The notice a paid-on-closed request carries in its `problem` (the schema has no field for
 * it yet): written and recognised only here. It is stored and synced, so it stays in English;
 * screens show `paidOnClosedNoticeId` in the reader's language.
 */
const PAID_ON_CLOSED: Readonly<Record<ClosedStatus, string>> = {
  cancelled: 'Paid on a link that was cancelled — refund it or keep it as credit.',
  superseded: 'Paid on a link that was replaced by a newer one — refund it or keep it as credit.',
  expired: 'Paid on a link that had expired — refund it or keep it as credit.',
};

const FAILED_PREFIX = 'The payment failed: ';
const failureText = (reason: string) => `${FAILED_PREFIX}${reason}`.slice(0, 300);
const hasFailed = (r: LinkRequestState) => r.status === 'sent' && r.problem.startsWith(FAILED_PREFIX);

/** Where an open request stands among the events' outcomes (higher wins). */
const Level = { None: 0, Processing: 1, Failed: 2, Paid: 3 } as const;
function levelOf(r: LinkRequestState): number {
  if (r.status === 'paid') return Level.Paid;
  if (hasFailed(r)) return Level.Failed;
  if (r.status === 'processing') return Level.Processing;
  return Level.None;
}

const PAID_ON_CLOSED_IDS: Readonly<Record<ClosedStatus, MessageId>> = {
  cancelled: 'link.paidOnClosed.cancelled',
  superseded: 'link.paidOnClosed.superseded',
  expired: 'link.paidOnClosed.expired',
};

/** The notice for money on a closed request as a catalogue id, or null when the request has none. */
export function paidOnClosedNoticeId(request: Pick<LinkRequestState, 'status' | 'problem'>): MessageId | null {
  return paidOnClosedNotice(request) === null ? null : PAID_ON_CLOSED_IDS[request.status as ClosedStatus];
}

/** The notice for money on a closed request (its stored English), or null when the request has none. */
export function paidOnClosedNotice(request: Pick<LinkRequestState, 'status' | 'problem'>): string | null {
  const notice = CLOSED.has(request.status) ? PAID_ON_CLOSED[request.status as ClosedStatus] : null;
  return notice !== null && request.problem === notice ? notice : null;
}

export function nextLinkRequestState(request: LinkRequestState, event: LinkStatusEvent): LinkRequestStep {
  const money = event.type === 'succeeded' ? 'record' : 'none';
  const step = (status: LinkRequestStatus, problem: string, flag: LinkRequestStep['flag'] = null): LinkRequestStep => ({ status, problem, money, flag });
  const unchanged = step(request.status, request.problem);

  if (CLOSED.has(request.status)) {
    if (event.type !== 'succeeded') return unchanged;
    return step(request.status, PAID_ON_CLOSED[request.status as ClosedStatus], 'paid-on-closed-link');
  }
  const level = levelOf(request);
  switch (event.type) {
    case 'expired': {
      const replaced = event.providerRef !== '' && request.providerRef !== '' && event.providerRef !== request.providerRef;
      if (replaced) return unchanged;
      // A paid request whose link then expired is a paid-on-closed link: the same end as
      // the expiry arriving first and the payment after it.
      return level === Level.Paid ? step('expired', PAID_ON_CLOSED.expired, 'paid-on-closed-link') : step('expired', '');
    }
    case 'succeeded':
      return level === Level.Paid ? unchanged : step('paid', '');
    case 'failed': {
      const text = failureText(event.reason);
      if (level === Level.Failed) return text < request.problem ? step('sent', text) : unchanged;
      return level < Level.Failed ? step('sent', text) : unchanged;
    }
    case 'processing':
      return level < Level.Processing ? step('processing', '') : unchanged;
  }
}

/** Folds events into a request (tests, and an event that carries several outcomes). */
export function linkRequestAfter(request: LinkRequestState, events: readonly LinkStatusEvent[]): LinkRequestState {
  return events.reduce<LinkRequestState>((r, e) => {
    const next = nextLinkRequestState(r, e);
    return { status: next.status, problem: next.problem, providerRef: r.providerRef };
  }, request);
}
