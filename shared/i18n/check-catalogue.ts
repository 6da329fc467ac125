/**
 * The check a catalogue must pass against the English source: the same ids, each message valid
 * ICU MessageFormat with the same placeholders (name and kind). Used by catalogue.test.ts, so a
 * new language file is checked the moment it is listed. Importable from every runtime.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { en } from './catalogues/en.js';

const KIND: Partial<Record<TYPE, string>> = {
  [TYPE.argument]: 'text', [TYPE.number]: 'number', [TYPE.date]: 'date', [TYPE.time]: 'time',
  [TYPE.select]: 'select', [TYPE.plural]: 'plural', [TYPE.tag]: 'tag',
};

function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    const kind = KIND[el.type];
    if (kind && 'value' in el && typeof el.value === 'string') into.add(`${el.value}:${kind}`);
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) placeholders(option.value, into);
    if (el.type === TYPE.tag) placeholders(el.children, into);
  }
  return into;
}

function placeholdersOf(message: string): Set<string> | string {
  try {
    return placeholders(parse(message));
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Every problem with `catalogue` as a line; none for a good one. */
export function checkCatalogue(catalogue: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const source = en as Readonly<Record<string, string>>;
  for (const id of Object.keys(source)) if (!(id in catalogue)) problems.push(`missing: ${id}`);
  for (const [id, message] of Object.entries(catalogue)) {
    if (!(id in source)) { problems.push(`extra: ${id}`); continue; }
    if (typeof message !== 'string' || message.trim() === '') { problems.push(`empty: ${id}`); continue; }
    const mine = placeholdersOf(message);
    const theirs = placeholdersOf(source[id]!);
    if (typeof mine === 'string') { problems.push(`not ICU MessageFormat: ${id} (${mine})`); continue; }
    if (typeof theirs === 'string') continue;
    const a = [...mine].sort().join(', ');
    const b = [...theirs].sort().join(', ');
    if (a !== b) problems.push(`placeholders differ: ${id} has {${a}}, English has {${b}}`);
  }
  return problems;
}
