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
import { text, type MessageId, type Text } from '../i18n/text.js';
import { parseStoredText, storedText } from '../i18n/stored-text.js';
import { inEnglish } from '../i18n/translator.js';

export type LinkRequestStatus = PaymentRequestDoc['status'];

/** How each status reads for staff: the screens' badges and the server's refusals that name one. */
export const LINK_STATUS_LABELS: Readonly<Record<LinkRequestStatus, MessageId>> = {
  scheduled: 'linkUi.status.scheduled', sent: 'linkUi.status.sent', processing: 'linkUi.status.processing', paid: 'linkUi.status.paid',
  cancelled: 'linkUi.status.cancelled', expired: 'linkUi.status.expired', superseded: 'linkUi.status.superseded', failed: 'linkUi.status.failed',
  unknown: 'linkUi.status.unknown',
};

/** What the rule needs of an event: its outcome and the link (Checkout Session) it was about, '' when unknown. */
export type LinkStatusEvent =
  | { readonly type: 'processing' | 'succeeded' | 'expired'; readonly providerRef: string }
  | { readonly type: 'failed'; readonly providerRef: string; readonly reason: string };

export interface LinkRequestState {
  readonly status: LinkRequestStatus;
  /** The stored English the rule compares (below); `problemText` is the same for a reader. */
  readonly problem: string;
  readonly problemText?: string | undefined;
  /** The request's current link ('' while none is recorded). */
  readonly providerRef: string;
}

export interface LinkRequestStep {
  readonly status: LinkRequestStatus;
  readonly problem: string;
  /** The problem as a stored Text (shared/i18n/stored-text.ts), '' with no problem. */
  readonly problemText: string;
  /** 'record': the event carries money (a payment) to record once, whatever the status. */
  readonly money: 'record' | 'none';
  /** Money came on a request that was cancelled, superseded or expired. */
  readonly flag: 'paid-on-closed-link' | null;
}

type ClosedStatus = 'cancelled' | 'superseded' | 'expired';
const CLOSED: ReadonlySet<LinkRequestStatus> = new Set<LinkRequestStatus>(['cancelled', 'superseded', 'expired']);

/**
 * The notice a paid-on-closed request carries in its `problem`: written and recognised only
 * here, by these exact words, so they never change with the catalogue's wording (documents
 * stored by every earlier release carry them). Readers see `problemText`, the same notice as
 * a Text (`paidOnClosedNoticeId`).
 */
const PAID_ON_CLOSED: Readonly<Record<ClosedStatus, string>> = {
  cancelled: 'Paid on a link that was cancelled — refund it or keep it as credit.',
  superseded: 'Paid on a link that was replaced by a newer one — refund it or keep it as credit.',
  expired: 'Paid on a link that had expired — refund it or keep it as credit.',
};

/** A failure's stored English starts with these words, recognised here (as the notice above). */
const FAILED_PREFIX = 'The payment failed: ';
const failureText = (reason: string) => `${FAILED_PREFIX}${reason}`.slice(0, 300);
// The provider's reason stays in its words (Stripe's decline message); the frame is ours.
const failureProblemText = (reason: string) => storedText(text('link.problem.failed', { reason: reason.slice(0, 280) }));
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

/**
 * A request's problem as it is stored: its English (`problem`, what the rule above compares)
 * and the same as a Text (`problemText`) for each reader; both empty for none.
 */
export function problemFields(problem: Text | null): Pick<PaymentRequestDoc, 'problem' | 'problemText'> {
  return problem === null ? { problem: '', problemText: '' } : { problem: inEnglish(problem).slice(0, 300), problemText: storedText(problem) };
}

/**
 * What a request's problem says to its reader: its stored Text, or — for a request stored
 * before problems had one — the link rule's own notices recognised by their words, and any
 * other English as it was written. Null when there is no problem.
 */
export function requestProblem(request: Pick<LinkRequestState, 'status' | 'problem' | 'problemText'>): Text | string | null {
  const own = parseStoredText(request.problemText);
  if (own) return own;
  if (request.problem === '') return null;
  const notice = paidOnClosedNoticeId(request);
  if (notice) return text(notice);
  if (request.problem.startsWith(FAILED_PREFIX)) return text('link.problem.failed', { reason: request.problem.slice(FAILED_PREFIX.length) });
  return request.problem;
}

export function nextLinkRequestState(request: LinkRequestState, event: LinkStatusEvent): LinkRequestStep {
  const money = event.type === 'succeeded' ? 'record' : 'none';
  const step = (status: LinkRequestStatus, problem: string, problemText = '', flag: LinkRequestStep['flag'] = null): LinkRequestStep => ({ status, problem, problemText, money, flag });
  const unchanged = step(request.status, request.problem, request.problemText ?? '');
  const paidOnClosed = (status: ClosedStatus) => step(status, PAID_ON_CLOSED[status], storedText(text(PAID_ON_CLOSED_IDS[status])), 'paid-on-closed-link');

  if (CLOSED.has(request.status)) {
    if (event.type !== 'succeeded') return unchanged;
    return paidOnClosed(request.status as ClosedStatus);
  }
  const level = levelOf(request);
  switch (event.type) {
    case 'expired': {
      const replaced = event.providerRef !== '' && request.providerRef !== '' && event.providerRef !== request.providerRef;
      if (replaced) return unchanged;
      // A paid request whose link then expired is a paid-on-closed link: the same end as
      // the expiry arriving first and the payment after it.
      return level === Level.Paid ? paidOnClosed('expired') : step('expired', '');
    }
    case 'succeeded':
      return level === Level.Paid ? unchanged : step('paid', '');
    case 'failed': {
      const failed = step('sent', failureText(event.reason), failureProblemText(event.reason));
      // The stored English decides (the same reason always makes the same problemText).
      if (level === Level.Failed) return failed.problem < request.problem ? failed : unchanged;
      return level < Level.Failed ? failed : unchanged;
    }
    case 'processing':
      return level < Level.Processing ? step('processing', '') : unchanged;
  }
}

/** Folds events into a request (tests, and an event that carries several outcomes). */
export function linkRequestAfter(request: LinkRequestState, events: readonly LinkStatusEvent[]): LinkRequestState {
  return events.reduce<LinkRequestState>((r, e) => {
    const next = nextLinkRequestState(r, e);
    return { status: next.status, problem: next.problem, problemText: next.problemText, providerRef: r.providerRef };
  }, request);
}
