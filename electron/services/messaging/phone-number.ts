/**
 * Turns a phone number as staff typed it into E.164 for the SMS provider. Node-only;
 * imported by sms-transport.ts.
 *
 * The rule, deliberately narrow so a number is never guessed into someone else's:
 * - spaces, dashes, dots and brackets are ignored: "412 34 567", "(+47) 412-34-567";
 * - "+" or "00" then 8 to 15 digits is international: "+4741234567", "004741234567";
 * - exactly 8 digits and nothing else is a national number of the clinic's country and
 *   gets `defaultCountryCode` (+47 by default: Norwegian numbers have 8 digits, no trunk 0);
 * - anything else is refused with a message asking for the country code.
 */
import { text, type Text } from '../../../shared/i18n/text.js';

export type PhoneResult = { readonly ok: true; readonly e164: string } | { readonly ok: false; readonly reason: Text };

export function normalisePhone(typed: string, defaultCountryCode = '+47'): PhoneResult {
  const compact = typed.trim().replace(/[\s\-.()\u00a0]/g, '');
  if (!compact) return { ok: false, reason: text('sms.detail.noMobile') };
  const international = /^(?:\+|00)(\d{8,15})$/.exec(compact);
  if (international) return { ok: true, e164: `+${international[1]}` };
  if (/^\d{8}$/.test(compact) && /^\+\d{1,3}$/.test(defaultCountryCode)) return { ok: true, e164: `${defaultCountryCode}${compact}` };
  return { ok: false, reason: text('sms.detail.notMobile', { number: typed.trim() }) };
}
