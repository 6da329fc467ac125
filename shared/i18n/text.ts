/**
 * A Text is a message to a person before it is put into words: a catalogue id and the facts it
 * needs. Domain rules, the sync server and main's services return Texts instead of sentences, so
 * the same refusal reads in bokmål on one desk and in English on the next, and a Text can cross
 * IPC, HTTP and a stored document as plain JSON (docs/decisions/0033-languages.md).
 * Importable from every runtime.
 */
import type { CurrencyCode } from '../domain/money.js';
import type { MessageId } from './catalogues/index.js';

export type { MessageId } from './catalogues/index.js';

/** An amount, put into the reader's number format when the Text is read. */
export interface MoneyValue {
  readonly money: number;
  readonly currency: CurrencyCode;
}

/** A LocalDate ("2026-12-02"), written the reader's way. */
export interface DayValue {
  readonly day: string;
  readonly dayStyle?: 'medium' | 'long' | 'full' | 'short';
}

/** An instant (ISO string), in the clinic's time zone. */
export interface InstantValue {
  readonly at: string;
  readonly atStyle?: 'time' | 'dateTime' | 'date';
}

/** A VAT or other rate in basis points (2500 = 25 %). */
export interface RateValue {
  readonly rateBp: number;
}

export type TextValue = string | number | MoneyValue | DayValue | InstantValue | RateValue | Text;

export interface Text {
  readonly id: MessageId;
  readonly values?: Readonly<Record<string, TextValue>>;
}

export function text(id: MessageId, values?: Readonly<Record<string, TextValue>>): Text {
  return values === undefined ? { id } : { id, values };
}

/**
 * Words that came only in English, from a peer of a release before languages (its refusal or
 * error carried no Text, or a row stored before Texts were): shown as they came.
 */
export function peersEnglish(english: string): Text {
  return text('push.reasonInEnglish', { english });
}

export function isText(value: unknown): value is Text {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';
}

export const moneyValue = (amountMinor: number, currency: CurrencyCode): MoneyValue => ({ money: amountMinor, currency });
export const dayValue = (day: string, dayStyle?: DayValue['dayStyle']): DayValue => (dayStyle ? { day, dayStyle } : { day });
export const instantValue = (at: string, atStyle?: InstantValue['atStyle']): InstantValue => (atStyle ? { at, atStyle } : { at });
export const rateValue = (rateBp: number): RateValue => ({ rateBp });
