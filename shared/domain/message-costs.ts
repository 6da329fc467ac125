/**
 * What messages cost the clinic (docs/product.md Settings: "Message costs … plus VAT").
 * Each message records its cost excluding VAT in minor units — an email is one unit, an
 * SMS one unit per segment — and VAT is added once on a period's total, so a month of
 * 2.5-øre VAT amounts is not rounded message by message.
 */
import { roundDiv } from './money.js';

export interface MessagePrices {
  /** Per email, excl. VAT, minor units (default 2 = 0.02). */
  readonly emailMinor: number;
  /** Per SMS segment, excl. VAT, minor units (default 5 = 0.05). */
  readonly smsSegmentMinor: number;
  /** VAT on messages, basis points. */
  readonly vatBp: number;
}

export const DEFAULT_MESSAGE_PRICES = { emailMinor: 2, smsSegmentMinor: 5 } as const;

export function messageCostMinor(channel: 'email' | 'sms', segments: number, prices: Pick<MessagePrices, 'emailMinor' | 'smsSegmentMinor'>): number {
  return channel === 'email' ? prices.emailMinor : prices.smsSegmentMinor * Math.max(1, segments);
}

export interface CostSummary {
  readonly emails: number;
  readonly sms: number;
  readonly netMinor: number;
  readonly vatMinor: number;
  readonly totalMinor: number;
}

/** A period's messages (those actually handed to a provider or the outbox) and their cost. */
export function summarizeCosts(messages: readonly { channel: 'email' | 'sms'; costMinor: number; outcome: string }[], vatBp: number): CostSummary {
  let emails = 0;
  let sms = 0;
  let netMinor = 0;
  for (const m of messages) {
    if (m.outcome === 'failed') continue;
    if (m.channel === 'email') emails++;
    else sms++;
    netMinor += m.costMinor;
  }
  const vatMinor = roundDiv(netMinor * vatBp, 10_000);
  return { emails, sms, netMinor, vatMinor, totalMinor: netMinor + vatMinor };
}
