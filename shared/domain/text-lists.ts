/**
 * Lists inside Texts ("a; b; c", "25 %, 12 %"), for log entries and refusals that name several
 * things (docs/decisions/0033-languages.md). A list message takes a count and its items as
 * numbered values (`{count}`, `{i1}`…), flat rather than nested, so a list inside a stored log
 * entry stays within the depth shared/i18n/stored-text.ts reads back. Pure; importable from every
 * runtime.
 */
import { text, type MessageId, type Text, type TextValue } from '../i18n/text.js';

/** The most items one list message holds (its count is the twelfth value a Text may carry). */
export const LIST_SLOTS = 11;

/** A list's values for a message with its own slots: `count` and `item1`… (`{ count: 'count', item: 'c' }` → count, c1, c2…). */
export function listValues(items: readonly TextValue[], names: { readonly count: string; readonly item: string }): Record<string, TextValue> {
  const values: Record<string, TextValue> = { [names.count]: items.length };
  items.forEach((item, i) => { values[`${names.item}${i + 1}`] = item; });
  return values;
}

/**
 * The items as one list message (`log.list.semicolon`, `vat.rateList`); null for none. A longer
 * list than the slots nests its tail in the last one (read in full, though too deep to be stored).
 */
export function listText(id: Extract<MessageId, 'log.list.semicolon' | 'vat.rateList'>, items: readonly TextValue[]): Text | null {
  if (items.length === 0) return null;
  const shown = items.length <= LIST_SLOTS ? items : [...items.slice(0, LIST_SLOTS - 1), listText(id, items.slice(LIST_SLOTS - 1))!];
  return text(id, listValues(shown, { count: 'count', item: 'i' }));
}
