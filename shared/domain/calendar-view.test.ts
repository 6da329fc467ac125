import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultCalendarView, shownPractitionerIds, togglePractitioner } from './calendar-view.js';

const ALL = ['p1', 'p2', 'p3', 'p4'];
const practitioner = { id: 'p2', roles: ['practitioner' as const] };
const adminPractitioner = { id: 'p1', roles: ['admin' as const, 'billing' as const, 'practitioner' as const] };
const reception = { id: 'r1', roles: ['reception' as const] };

describe('which practitioners the calendar shows', () => {
  it('shows a practitioner their own column and everyone else the clinic, until they choose', () => {
    expect(shownPractitionerIds(adminPractitioner, ALL, null)).toEqual(['p1']);
    expect(shownPractitionerIds(reception, ALL, null)).toEqual(ALL);
    // Someone with the practitioner role who is not (or no longer) an active practitioner sees everyone.
    expect(shownPractitionerIds({ id: 'gone', roles: ['admin', 'practitioner'] }, ALL, null)).toEqual(ALL);
  });

  it('starts compact for someone who sees more than a few practitioners', () => {
    expect(defaultCalendarView(reception, ALL).compact).toBe(false);
    expect(defaultCalendarView(reception, [...ALL, 'p5']).compact).toBe(true);
    expect(defaultCalendarView(adminPractitioner, [...ALL, 'p5']).compact).toBe(false);
  });

  it('keeps a choice, in the clinic order, dropping practitioners no longer active', () => {
    const some = { practitioners: { mode: 'some' as const, ids: ['p4', 'p2', 'gone'] }, compact: false };
    expect(shownPractitionerIds(reception, ALL, some)).toEqual(['p2', 'p4']);
    expect(shownPractitionerIds(adminPractitioner, ALL, { practitioners: { mode: 'all' }, compact: true })).toEqual(ALL);
    expect(shownPractitionerIds(adminPractitioner, [...ALL, 'p5'], { practitioners: { mode: 'all' }, compact: false })).toEqual([...ALL, 'p5']);
  });

  it('never shows a practitioner-only user anyone else, whatever was stored', () => {
    expect(shownPractitionerIds(practitioner, ALL, { practitioners: { mode: 'all' }, compact: false })).toEqual(['p2']);
    expect(shownPractitionerIds(practitioner, ALL, null)).toEqual(['p2']);
  });

  it('ticks and unticks one at a time; all ticked is "all"', () => {
    expect(togglePractitioner(['p1'], ALL, 'p3', true)).toEqual({ mode: 'some', ids: ['p1', 'p3'] });
    expect(togglePractitioner(['p1', 'p2', 'p3'], ALL, 'p4', true)).toEqual({ mode: 'all' });
    expect(togglePractitioner(ALL, ALL, 'p2', false)).toEqual({ mode: 'some', ids: ['p1', 'p3', 'p4'] });
    fc.assert(fc.property(fc.subarray(ALL), fc.constantFrom(...ALL), fc.boolean(), (shown, id, on) => {
      const next = shownPractitionerIds(reception, ALL, { practitioners: togglePractitioner(shown, ALL, id, on), compact: false });
      expect(next.includes(id)).toBe(on);
      for (const other of ALL) if (other !== id) expect(next.includes(other)).toBe(shown.includes(other));
    }));
  });
});
