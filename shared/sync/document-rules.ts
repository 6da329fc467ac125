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

type Doc = Readonly<Record<string, unknown>>;
type Rule = (doc: Doc) => DocumentProblem | null;

function amountProblem(value: unknown, field: string): DocumentProblem | null {
  if (typeof value !== 'number') return null;
  if (value < 0) return problem('rule_broken', `${quoted(field)} cannot be negative`, { field, rule: 'amount_negative' });
  if (value > MAX_AMOUNT_MINOR) return problem('rule_broken', `${quoted(field)} is more than one amount may be (${MAX_AMOUNT_MINOR} minor units)`, { field, rule: 'amount_too_large', limit: MAX_AMOUNT_MINOR });
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
    if (typeof v === 'string' && v !== '' && !isLocalDate(v)) return problem('rule_broken', `${quoted(f)} must be a date such as 2026-03-02, or empty`, { field: f, rule: 'local_date' });
  }
  return null;
};

/** Instants a document may leave empty ('' until it happens). */
const optionalInstants = (...fields: string[]): Rule => (doc) => {
  for (const f of fields) {
    const v = doc[f];
    if (typeof v === 'string' && v !== '' && !isUtcInstant(v)) return problem('rule_broken', `${quoted(f)} must be a UTC time such as 2026-03-02T09:00:00.000Z, or empty`, { field: f, rule: 'utc_instant' });
  }
  return null;
};

const distinct = (field: string): Rule => (doc) => {
  const v = doc[field];
  if (Array.isArray(v) && new Set(v).size !== v.length) return problem('rule_broken', `${quoted(field)} lists the same value twice`, { field, rule: 'repeated' });
  return null;
};

function linesProblem(doc: Doc): DocumentProblem | null {
  const lines = doc.lines;
  if (!Array.isArray(lines)) return null;
  if (lines.length > MAX_LINES) return problem('rule_broken', `an invoice has at most ${MAX_LINES} lines; this one has ${lines.length}`, { field: 'lines', rule: 'too_many', limit: MAX_LINES });
  const ids = new Set<unknown>();
  for (const [i, line] of (lines as Doc[]).entries()) {
    const at = `lines[${i}]`;
    if (ids.has(line.id)) return problem('rule_broken', `${quoted(`${at}.id`)} is the id of another line`, { field: `${at}.id`, rule: 'repeated' });
    ids.add(line.id);
    const bad = amountProblem(line.unitPriceMinor, `${at}.unitPriceMinor`);
    if (bad) return bad;
    const total = (line.quantity as number) * (line.unitPriceMinor as number);
    if (total > MAX_AMOUNT_MINOR) return problem('rule_broken', `${quoted(at)} comes to more than one amount may be (${MAX_AMOUNT_MINOR} minor units)`, { field: at, rule: 'amount_too_large', limit: MAX_AMOUNT_MINOR });
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
  if (doc.id !== CLINIC_SETTINGS_ID) return problem('rule_broken', `a clinic has one settings document, ${quoted(CLINIC_SETTINGS_ID)}`, { field: 'id', rule: 'settings_id' });
  if (typeof doc.timeZone === 'string' && !isValidTimeZone(doc.timeZone)) return problem('rule_broken', `${quoted('timeZone')} is not a time zone such as Europe/Oslo`, { field: 'timeZone', rule: 'time_zone' });
  if (typeof doc.locale === 'string' && !isLocale(doc.locale)) return problem('rule_broken', `${quoted('locale')} is not a language tag such as nb-NO`, { field: 'locale', rule: 'locale' });
  const rates = doc.vatRatesBp;
  if (Array.isArray(rates) && rates.length > MAX_VAT_RATES) return problem('rule_broken', `a clinic has at most ${MAX_VAT_RATES} VAT rates`, { field: 'vatRatesBp', rule: 'too_many', limit: MAX_VAT_RATES });
  return null;
}

const RULES: Readonly<Record<CollectionName, readonly Rule[]>> = {
  settings: [settingsProblem, amounts('reminderFeeMinor')],
  staff: [distinct('roles')],
  clients: [localDates('dateOfBirth')],
  services: [amounts('priceMinor')],
  bookings: [],
  invoices: [linesProblem, localDates('invoiceDate', 'dueDate', 'serviceDate'), optionalInstants('completedAt')],
  payments: [amounts('amountMinor', 'tenderedMinor')],
  paymentrequests: [amounts('amountMinor', 'feeMinor'), distinct('channels'), optionalInstants('sentAt', 'expiresAt')],
  messages: [amounts('costMinor')],
  activity: [],
};

/** The first domain rule a document of the schema's shape breaks, or null. */
export function rulesProblem(collection: CollectionName, doc: Doc): DocumentProblem | null {
  for (const rule of RULES[collection]) {
    const bad = rule(doc);
    if (bad) return bad;
  }
  return null;
}
