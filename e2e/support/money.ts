/** Small helpers the e2e specs share: a Norwegian krone amount as shown, and today in Oslo. */

/** Matches an amount as nb-NO shows it, e.g. kr('2 266,00') ↔ "2 266,00 kr" (any space kind). */
export const kr = (amount: string): RegExp => new RegExp(`^${amount.replace(/\s/g, '\\s')}\\s*kr$`);

export function todayInOslo(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
