/**
 * A Text stored in a document (the activity log's `summaryText`) or received from a peer, read
 * back as hostile input: JSON of one known message id and values of the kinds a Text allows, with
 * Texts nested at most two levels deep. Anything else is null, and the reader falls back to the English summary.
 * Importable from every runtime.
 */
import { isCurrency } from '../domain/money.js';
import { isLocalDate } from '../domain/time.js';
import { isMessageId } from './catalogues/index.js';
import { isText, type Text, type TextValue } from './text.js';

const MAX_VALUES = 12;
const MAX_STRING = 500;

function valueOf(v: unknown, depth: number): TextValue | null {
  if (typeof v === 'string') return v.length <= MAX_STRING ? v : null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort().join(',');
  if (keys === 'currency,money') return Number.isSafeInteger(o.money) && isCurrency(o.currency) ? { money: o.money as number, currency: o.currency } : null;
  if (keys === 'day' || keys === 'day,dayStyle') {
    const styles = ['short', 'medium', 'long', 'full', undefined];
    // A real calendar day: "2024-99-99" would make Intl throw on every desk that reads it.
    return typeof o.day === 'string' && isLocalDate(o.day) && styles.includes(o.dayStyle as string | undefined) ? (o as unknown as TextValue) : null;
  }
  if (keys === 'at' || keys === 'at,atStyle') {
    const styles = ['time', 'dateTime', 'date', undefined];
    return typeof o.at === 'string' && o.at.length <= 40 && Number.isFinite(new Date(o.at).getTime()) && styles.includes(o.atStyle as string | undefined) ? (o as unknown as TextValue) : null;
  }
  if (keys === 'rateBp') return Number.isSafeInteger(o.rateBp) ? { rateBp: o.rateBp as number } : null;
  return depth > 0 ? textOf(o, depth - 1) : null;
}

function textOf(o: Record<string, unknown>, depth: number): Text | null {
  const keys = Object.keys(o);
  if (typeof o.id !== 'string' || !isMessageId(o.id) || keys.some((k) => k !== 'id' && k !== 'values')) return null;
  if (o.values === undefined) return { id: o.id };
  if (typeof o.values !== 'object' || o.values === null || Array.isArray(o.values)) return null;
  const entries = Object.entries(o.values as Record<string, unknown>);
  if (entries.length > MAX_VALUES) return null;
  const values: Record<string, TextValue> = {};
  for (const [k, v] of entries) {
    if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(k)) return null;
    const value = valueOf(v, depth);
    if (value === null) return null;
    values[k] = value;
  }
  return { id: o.id, values };
}

/** A Text from its stored JSON, or null when it is not one this code can read. */
export function parseStoredText(stored: unknown): Text | null {
  if (typeof stored !== 'string' || stored.length > 2000) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return null;
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? textOf(parsed as Record<string, unknown>, 2) : null;
}

/** The Text with every string value cut to what parseStoredText reads back (outside words: an error, a provider's reply). */
function withinLimits(text: Text): Text {
  if (!text.values) return text;
  const values: Record<string, TextValue> = {};
  for (const [k, v] of Object.entries(text.values)) {
    values[k] = typeof v === 'string' ? (v.length <= MAX_STRING ? v : `${v.slice(0, MAX_STRING - 1)}…`)
      : isText(v) ? withinLimits(v) : v;
  }
  return { id: text.id, values };
}

/** A Text as stored: its JSON, or '' when it would not fit (the reader then shows the English). */
export function storedText(text: Text): string {
  const json = JSON.stringify(withinLimits(text));
  return json.length <= 2000 ? json : '';
}
