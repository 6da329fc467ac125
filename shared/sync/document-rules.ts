/**
 * Domain rules a synced document must keep beyond its schema, judged on the document alone
 * (docs/design.md invariants 1, 4, 13): every amount within one amount's bound
 * (MAX_AMOUNT_MINOR) and never negative, an invoice line's quantity × price too; at most
 * MAX_LINES lines with distinct ids; lists without repeats; dates as LocalDate, instants a
 * document may leave empty as UTC ISO text (the schema's date-time fields are checked by
 * the compiled validator with the same rule, validator-runtime.ts); the clinic settings under their one id, with a time zone and locale a desk
 * can format with (a bad one would throw in every desk that reads it). Rules that need the
 * server's other documents (references, the clinic's currency) are in document-references.ts.
 * Pure; imported by document-validation.ts.
 */
import type { CollectionName } from '../schemas/index.js';
import { CLINIC_SETTINGS_ID } from '../schemas/settings.js';
import { MAX_AMOUNT_MINOR } from '../domain/money.js';
import { MAX_LINES } from '../domain/invoice-drafts.js';
import { MAX_VAT_RATES } from '../domain/clinic-settings.js';
import { isLocalDate, isValidTimeZone } from '../domain/time.js';
import type { DocumentProblem } from './document-problem.js';
import { problem, quoted } from './document-problem.js';
import { isUtcInstant } from './validator-runtime.js';
import { isLanguage, LANGUAGES } from '../i18n/catalogues/index.js';
import { text } from '../i18n/text.js';

type Doc = Readonly<Record<string, unknown>>;
type Rule = (doc: Doc) => DocumentProblem | null;

function amountProblem(value: unknown, field: string): DocumentProblem | null {
  if (typeof value !== 'number') return null;
  if (value < 0) return problem('rule_broken', text('syncRule.problem.amountNegative', { field: quoted(field) }), { field, rule: 'amount_negative' });
  // The limit as text: a technical bound, written as it is in every language.
  if (value > MAX_AMOUNT_MINOR) return problem('rule_broken', text('syncRule.problem.amountTooLarge', { field: quoted(field), limit: String(MAX_AMOUNT_MINOR) }), { field, rule: 'amount_too_large', limit: MAX_AMOUNT_MINOR });
  return null;
}

const amounts = (...fields: string[]): Rule => (doc) => {
  for (const f of fields) {
    const bad = amountProblem(doc[f], f);
    if (bad) return bad;
  }
  return null;
};

const localDates = (...fields: string[]): Rule => (doc) => {
  for (const f of fields) {
    const v = doc[f];
    if (typeof v === 'string' && v !== '' && !isLocalDate(v)) return problem('rule_broken', text('syncRule.problem.localDate', { field: quoted(f) }), { field: f, rule: 'local_date' });
  }
  return null;
};

/** Instants a document may leave empty ('' until it happens). */
const optionalInstants = (...fields: string[]): Rule => (doc) => {
  for (const f of fields) {
    const v = doc[f];
    if (typeof v === 'string' && v !== '' && !isUtcInstant(v)) return problem('rule_broken', text('syncRule.problem.utcInstantOrEmpty', { field: quoted(f) }), { field: f, rule: 'utc_instant' });
  }
  return null;
};

const distinct = (field: string): Rule => (doc) => {
  const v = doc[field];
  if (Array.isArray(v) && new Set(v).size !== v.length) return problem('rule_broken', text('syncRule.problem.repeatedValue', { field: quoted(field) }), { field, rule: 'repeated' });
  return null;
};

function linesProblem(doc: Doc): DocumentProblem | null {
  const lines = doc.lines;
  if (!Array.isArray(lines)) return null;
  if (lines.length > MAX_LINES) return problem('rule_broken', text('syncRule.problem.tooManyLines', { limit: MAX_LINES, count: String(lines.length) }), { field: 'lines', rule: 'too_many', limit: MAX_LINES });
  const ids = new Set<unknown>();
  for (const [i, line] of (lines as Doc[]).entries()) {
    const at = `lines[${i}]`;
    if (ids.has(line.id)) return problem('rule_broken', text('syncRule.problem.lineIdRepeated', { field: quoted(`${at}.id`) }), { field: `${at}.id`, rule: 'repeated' });
    ids.add(line.id);
    const bad = amountProblem(line.unitPriceMinor, `${at}.unitPriceMinor`);
    if (bad) return bad;
    const total = (line.quantity as number) * (line.unitPriceMinor as number);
    if (total > MAX_AMOUNT_MINOR) return problem('rule_broken', text('syncRule.problem.lineTooLarge', { field: quoted(at), limit: String(MAX_AMOUNT_MINOR) }), { field: at, rule: 'amount_too_large', limit: MAX_AMOUNT_MINOR });
  }
  return null;
}

function isLocale(v: string): boolean {
  try {
    return Intl.getCanonicalLocales(v).length === 1;
  } catch {
    return false;
  }
}

function settingsProblem(doc: Doc): DocumentProblem | null {
  if (doc.id !== CLINIC_SETTINGS_ID) return problem('rule_broken', text('syncRule.problem.settingsId', { id: quoted(CLINIC_SETTINGS_ID) }), { field: 'id', rule: 'settings_id' });
  if (typeof doc.timeZone === 'string' && !isValidTimeZone(doc.timeZone)) return problem('rule_broken', text('syncRule.problem.timeZone', { field: quoted('timeZone') }), { field: 'timeZone', rule: 'time_zone' });
  if (typeof doc.locale === 'string' && !isLocale(doc.locale)) return problem('rule_broken', text('syncRule.problem.locale', { field: quoted('locale') }), { field: 'locale', rule: 'locale' });
  const rates = doc.vatRatesBp;
  if (Array.isArray(rates) && rates.length > MAX_VAT_RATES) return problem('rule_broken', text('syncRule.problem.tooManyVatRates', { limit: MAX_VAT_RATES }), { field: 'vatRatesBp', rule: 'too_many', limit: MAX_VAT_RATES });
  return null;
}

const RULES: Readonly<Record<CollectionName, readonly Rule[]>> = {
  settings: [settingsProblem, amounts('reminderFeeMinor'), optionalInstants('invoicingActivatedAt')],
  staff: [distinct('roles'), language],
  clients: [localDates('dateOfBirth'), language],
  services: [amounts('priceMinor')],
  bookings: [],
  invoices: [linesProblem, localDates('invoiceDate', 'dueDate', 'serviceDate'), optionalInstants('completedAt')],
  payments: [amounts('amountMinor', 'tenderedMinor')],
  paymentrequests: [amounts('amountMinor', 'feeMinor'), distinct('channels'), optionalInstants('sentAt', 'expiresAt')],
  messages: [amounts('costMinor')],
  // summaryText (and a payment request's problemText) need no rule: they are only ever read through parseStoredText, which refuses what it cannot read.
  activity: [],
};

/** A chosen language is one this code has a catalogue for; '' (or none) is the clinic's. */
function language(doc: Doc): DocumentProblem | null {
  const v = doc.language;
  if (v === undefined || v === '' || isLanguage(v)) return null;
  return problem('rule_broken', text('syncRule.problem.language', { field: quoted('language'), allowed: LANGUAGES.join(', ') }), { field: 'language', rule: 'language' });
}

/** The first domain rule a document of the schema's shape breaks, or null. */
export function rulesProblem(collection: CollectionName, doc: Doc): DocumentProblem | null {
  for (const rule of RULES[collection]) {
    const bad = rule(doc);
    if (bad) return bad;
  }
  return null;
}
