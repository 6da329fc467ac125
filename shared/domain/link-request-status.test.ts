/**
 * The payment link status rule on its own: each case the desk and the server disagreed on,
 * and the join laws — any order and any repetition of the same events end in the same
 * status and problem, from any stored request. The same events through the real desk and
 * server appliers: electron/services/payments/link-status-desk-and-server.test.ts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { linkRequestAfter, nextLinkRequestState, paidOnClosedNotice, problemFields, requestProblem, type LinkRequestState, type LinkStatusEvent } from './link-request-status.js';
import { createTranslator } from '../i18n/translator.js';
import { text } from '../i18n/text.js';
import type { PaymentRequestDoc } from '../schemas/index.js';

const sent: LinkRequestState = { status: 'sent', problem: '', providerRef: 'cs_1' };
const e = (type: 'processing' | 'succeeded' | 'expired', providerRef = 'cs_1'): LinkStatusEvent => ({ type, providerRef });
const failed = (reason: string, providerRef = 'cs_1'): LinkStatusEvent => ({ type: 'failed', providerRef, reason });
const end = (r: LinkRequestState, events: LinkStatusEvent[]) => {
  const { status, problem } = linkRequestAfter(r, events);
  return { status, problem };
};

describe('the payment link status rule', () => {
  it('follows one link: processing, paid, a failure back to sent with the reason, expired', () => {
    expect(end(sent, [e('processing')])).toEqual({ status: 'processing', problem: '' });
    expect(end(sent, [e('processing'), e('succeeded')])).toEqual({ status: 'paid', problem: '' });
    expect(end(sent, [e('processing'), failed('declined')])).toEqual({ status: 'sent', problem: 'The payment failed: declined' });
    expect(end(sent, [e('expired')])).toEqual({ status: 'expired', problem: '' });
    expect(end(sent, [])).toEqual({ status: 'sent', problem: '' });
  });

  it('ends failed when the failure arrives before the completion it follows', () => {
    expect(end(sent, [failed('declined'), e('processing')])).toEqual(end(sent, [e('processing'), failed('declined')]));
  });

  it('never lets an expiry or a failure turn a cancelled or superseded request into anything else', () => {
    for (const status of ['cancelled', 'superseded', 'expired'] as const) {
      const r = { status, problem: 'Paid in another way.', providerRef: 'cs_1' };
      expect(end(r, [e('expired'), e('processing'), failed('declined')])).toEqual({ status, problem: 'Paid in another way.' });
    }
  });

  it('records money on a closed request, keeps its status and gives it the notice staff act on', () => {
    for (const status of ['cancelled', 'superseded', 'expired'] as const) {
      const step = nextLinkRequestState({ status, problem: '', providerRef: 'cs_1' }, e('succeeded'));
      expect(step).toMatchObject({ status, money: 'record', flag: 'paid-on-closed-link' });
      expect(paidOnClosedNotice(step)).toMatch(/^Paid on a link that .* — refund it or keep it as credit\.$/);
    }
    expect(paidOnClosedNotice({ status: 'cancelled', problem: 'Paid in another way.' })).toBeNull();
    // An expiry after the payment is the same story as the payment after the expiry.
    expect(end(sent, [e('succeeded'), e('expired')])).toEqual(end(sent, [e('expired'), e('succeeded')]));
    expect(paidOnClosedNotice(end(sent, [e('succeeded'), e('expired')]))).not.toBeNull();
  });

  it('does not let a replaced link expire the current one, but counts its money and its outcome', () => {
    expect(end(sent, [e('expired', 'cs_old')])).toEqual({ status: 'sent', problem: '' });
    expect(end(sent, [e('processing', 'cs_old')])).toEqual({ status: 'processing', problem: '' });
    expect(end(sent, [e('succeeded', 'cs_old')])).toEqual({ status: 'paid', problem: '' });
    // No link recorded yet (the desk has not synced it): every link speaks.
    expect(end({ ...sent, providerRef: '' }, [e('expired', 'cs_9')])).toEqual({ status: 'expired', problem: '' });
  });

  const STATUSES: PaymentRequestDoc['status'][] = ['scheduled', 'sent', 'processing', 'paid', 'cancelled', 'expired', 'superseded', 'failed', 'unknown'];
  const requests = fc.record({
    status: fc.constantFrom(...STATUSES),
    problem: fc.constantFrom('', 'Email: bounced', 'The payment failed: a', 'The payment failed: z'),
    providerRef: fc.constantFrom('', 'cs_1'),
  });
  const events: fc.Arbitrary<LinkStatusEvent> = fc.oneof(
    fc.record({ type: fc.constantFrom('processing', 'succeeded', 'expired' as const), providerRef: fc.constantFrom('', 'cs_1', 'cs_old') }),
    fc.record({ type: fc.constant('failed' as const), providerRef: fc.constantFrom('cs_1', 'cs_old'), reason: fc.constantFrom('declined', 'insufficient funds', 'a') }),
  );

  it('is a join: any order and any repetition of the same events end the same, in words for readers too', () => {
    fc.assert(fc.property(
      requests, fc.array(events, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 8 }), fc.infiniteStream(fc.nat()).map((s) => s.take(40)),
      (start, set, repeats, order) => {
        const once = end(start, set);
        const delivered = [...set, ...repeats.filter(() => set.length > 0).map((i) => set[i % set.length]!)];
        const keys = [...order];
        const shuffled = delivered.map((ev, i) => ({ ev, k: keys[i % keys.length] ?? i, i })).sort((a, b) => a.k - b.k || a.i - b.i).map((x) => x.ev);
        expect(end(start, shuffled)).toEqual(once);
        expect(linkRequestAfter(start, shuffled).problemText ?? '').toBe(linkRequestAfter(start, set).problemText ?? '');
      },
    ), { numRuns: 2_000 });
  });

  it('never moves a paid request back, and money is always recorded', () => {
    fc.assert(fc.property(requests, events, (start, ev) => {
      const step = nextLinkRequestState(start, ev);
      expect(step.money).toBe(ev.type === 'succeeded' ? 'record' : 'none');
      if (start.status === 'paid') expect(['paid', 'expired']).toContain(step.status);
      if (step.status === 'expired' && start.status === 'paid') expect(paidOnClosedNotice(step)).not.toBeNull();
    }));
  });
});

describe('what a request\'s problem says to its reader', () => {
  const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
  const en = createTranslator({ language: 'en', clinicLocale: 'en-GB', timeZone: 'Europe/London' });
  const said = (r: LinkRequestState, t = nb) => {
    const problem = requestProblem(r);
    return problem === null || typeof problem === 'string' ? problem : t.t(problem);
  };

  it('reads the rule\'s own failure and paid-on-closed notice in the reader\'s language, the provider\'s reason as it came', () => {
    const declined = linkRequestAfter(sent, [failed('Your card was declined.')]);
    expect(declined.problem).toBe('The payment failed: Your card was declined.');
    expect(declined.problemText).toBe(JSON.stringify(text('link.problem.failed', { reason: 'Your card was declined.' })));
    expect(said(declined)).toBe('Betalingen mislyktes: Your card was declined.');
    expect(said(declined, en)).toBe('The payment failed: Your card was declined.');
    const paidOnCancelled = linkRequestAfter({ status: 'cancelled', problem: '', providerRef: 'cs_1' }, [e('succeeded')]);
    expect(paidOnCancelled.problemText).toBe(JSON.stringify({ id: 'link.paidOnClosed.cancelled' }));
    expect(said(paidOnCancelled)).toBe('Betalt med en lenke som var kansellert — betal tilbake eller behold som kreditt.');
    expect(said(linkRequestAfter(sent, [e('processing')]))).toBeNull();
  });

  it('stores any problem as its English and its Text, and reads it back in Norwegian', () => {
    const fields = problemFields(text('msg.problem.alreadyPaid'));
    expect(fields).toEqual({ problem: 'Already paid when the link was due.', problemText: JSON.stringify({ id: 'msg.problem.alreadyPaid' }) });
    expect(said({ status: 'cancelled', providerRef: '', ...fields })).toBe('Allerede betalt da lenken skulle sendes.');
    expect(problemFields(null)).toEqual({ problem: '', problemText: '' });
  });

  it('reads a request stored before problems had a Text: the rule\'s notices by their words, other English as it was', () => {
    expect(said({ status: 'sent', problem: 'The payment failed: declined', providerRef: 'cs_1' })).toBe('Betalingen mislyktes: declined');
    expect(said({ status: 'expired', problem: 'Paid on a link that had expired — refund it or keep it as credit.', providerRef: 'cs_1' })).toBe('Betalt med en lenke som var utløpt — betal tilbake eller behold som kreditt.');
    expect(said({ status: 'failed', problem: 'Email: bounced', providerRef: '' })).toBe('Email: bounced');
    // A stored Text that is not one this code can read is hostile input: the English is shown.
    expect(said({ status: 'failed', problem: 'Email: bounced', problemText: '{"id":"no.such.id"}', providerRef: '' })).toBe('Email: bounced');
  });
});
