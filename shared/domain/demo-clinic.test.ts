import { describe, it, expect } from 'vitest';
import { DEMO_DEFAULTS, demoClinic, type DemoClinic, type DemoOptions } from './demo-clinic.js';
import { overlaps } from './bookings.js';
import { checkClient } from './clients.js';
import { weekdayIndex, localDateOf } from './time.js';

const NOW = new Date('2026-11-21T09:00:00.000Z');
const small: DemoOptions = { now: NOW, bookings: 137, practitioners: 3, clients: 40, perPractitionerDay: 4, seed: 7 };

/** Everything but the invoice line ids, which are random. */
function withoutLineIds(demo: DemoClinic): unknown {
  return { ...demo, invoices: demo.invoices.map((inv) => ({ ...inv, lines: inv.lines.map(({ id: _id, ...line }) => line) })) };
}

describe('demoClinic', () => {
  it('is the same for the same seed', () => {
    expect(withoutLineIds(demoClinic(small))).toEqual(withoutLineIds(demoClinic(small)));
  });

  it('differs for another seed', () => {
    const a = demoClinic(small);
    const b = demoClinic({ ...small, seed: 8 });
    expect(a.bookings.map((x) => x.start)).not.toEqual(b.bookings.map((x) => x.start));
  });

  it.each([small, { ...DEMO_DEFAULTS, now: NOW }, { ...small, bookings: 1 }, { ...small, bookings: 0 }])(
    'makes exactly the bookings asked for (%#)',
    (options) => {
      const demo = demoClinic(options);
      expect(demo.bookings).toHaveLength(options.bookings);
      expect(new Set(demo.bookings.map((b) => b.id)).size).toBe(options.bookings);
      expect(demo.staff).toHaveLength(options.practitioners);
      expect(demo.clients).toHaveLength(options.clients);
    },
  );

  it('never double-books a practitioner', () => {
    const demo = demoClinic({ ...DEMO_DEFAULTS, now: NOW });
    const byPractitioner = new Map<string, typeof demo.bookings>();
    for (const b of demo.bookings.filter((x) => x.status === 'booked')) {
      byPractitioner.set(b.practitionerId, [...(byPractitioner.get(b.practitionerId) ?? []), b]);
    }
    expect(byPractitioner.size).toBe(DEMO_DEFAULTS.practitioners);
    let pairs = 0;
    for (const list of byPractitioner.values()) {
      const sorted = [...list].sort((a, b) => a.start.localeCompare(b.start));
      for (let i = 1; i < sorted.length; i++) {
        pairs++;
        expect(overlaps(sorted[i - 1]!, sorted[i]!), `${sorted[i - 1]!.id} and ${sorted[i]!.id}`).toBe(false);
      }
    }
    expect(pairs).toBeGreaterThan(1000);
  });

  it('books on working days, with end = start + the service duration', () => {
    const demo = demoClinic(small);
    const services = new Map(demo.services.map((s) => [s.id, s]));
    for (const b of demo.bookings) {
      expect(weekdayIndex(localDateOf(b.start, demo.settings.timeZone))).toBeLessThan(5);
      expect(Date.parse(b.end) - Date.parse(b.start)).toBe(services.get(b.serviceId)!.durationMinutes * 60_000);
      expect(demo.clients.some((c) => c.id === b.clientId)).toBe(true);
      expect(demo.staff.some((s) => s.id === b.practitionerId)).toBe(true);
    }
  });

  it('links every invoiced booking to an invoice made from it', () => {
    const demo = demoClinic(small);
    const invoices = new Map(demo.invoices.map((inv) => [inv.id, inv]));
    const invoiced = demo.bookings.filter((b) => b.billing !== 'external');
    expect(invoiced.length).toBeGreaterThan(0);
    for (const b of invoiced) {
      const invoice = invoices.get(b.invoiceId);
      expect(invoice, b.id).toBeDefined();
      expect(invoice!.bookingId).toBe(b.id);
      expect(invoice!.clientId).toBe(b.clientId);
      expect(invoice!.status).toBe('draft');
      expect(invoice!.lines[0]!.serviceId).toBe(b.serviceId);
    }
  });

  it('makes clients that pass the client rules', () => {
    const demo = demoClinic(small);
    for (const c of demo.clients) {
      const r = checkClient(c, '2026-11-21');
      expect(r.ok && { sortName: r.value.sortName, searchText: r.value.searchText }).toEqual({ sortName: c.sortName, searchText: c.searchText });
    }
  });

  it('puts bookings on both sides of now', () => {
    const demo = demoClinic({ ...DEMO_DEFAULTS, now: NOW });
    const past = demo.bookings.filter((b) => b.start < NOW.toISOString()).length;
    expect(past).toBeGreaterThan(0);
    expect(past).toBeLessThan(demo.bookings.length);
  });
});
