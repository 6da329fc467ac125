/**
 * A seeded demo clinic for people who just want to look, and for benchmarks: a
 * deterministic set of documents made by the same rules as real bookings.
 */
import { defaultPaymentSettings } from './payment-settings.js';
import type { BookingDoc, ClientDoc, ClinicSettingsDoc, InvoiceDoc, ServiceDoc, StaffDoc } from '../schemas/index.js';
import { createsDraftInvoice, draftInvoiceForBooking, resolveBilling } from './billing.js';
import { bookingEnd } from './bookings.js';
import { clientSearchText } from './clients.js';
import { foldForSearch } from './contact.js';
import { PRACTITIONER_COLORS, DESK_ACTOR } from './setup.js';
import { addDays, localDateOf, parseLocalDate, startOfWeek, wallTimeToInstant, weekdayIndex } from './time.js';
import { seededRandom } from './seeded-random.js';

export interface DemoOptions {
  /** "Now" for the demo; bookings are spread around the week that holds it. */
  now: Date;
  bookings: number;
  practitioners: number;
  clients: number;
  /** Bookings per practitioner per working day, which sets how many weeks they span. */
  perPractitionerDay: number;
  seed?: number;
}

export interface DemoClinic {
  settings: ClinicSettingsDoc;
  staff: StaffDoc[];
  services: ServiceDoc[];
  clients: ClientDoc[];
  bookings: BookingDoc[];
  invoices: InvoiceDoc[];
}

export const DEMO_DEFAULTS: Omit<DemoOptions, 'now'> = { bookings: 1200, practitioners: 6, clients: 400, perPractitionerDay: 5 };

const FIRST = ['Ingrid', 'Ola', 'Kari', 'Lars', 'Sofie', 'Emil', 'Nora', 'Jonas', 'Emma', 'Henrik', 'Maja', 'Oskar', 'Amalie', 'Sander', 'Ella', 'Mats'];
const LAST = ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen', 'Berg', 'Haugen', 'Sørensen', 'Dahl', 'Lund', 'Moen'];
const PRACTITIONERS = ['Dr. Astrid Solberg', 'Jon Eriksen', 'Marte Lie', 'Dr. Per Bakke', 'Hanne Strand', 'Even Aas', 'Tuva Holm', 'Knut Vik', 'Silje Ruud', 'Ivar Moe', 'Live Ness', 'Trond Foss'];

/** Deterministic ids so a demo can be regenerated and compared. */
function demoId(kind: string, n: number): string {
  return `demo-${kind}-${String(n).padStart(6, '0')}`;
}

/** The desk a generated demo clinic's documents name. */
export const DEMO_DESK = 'demo';

export function demoClinic(options: DemoOptions): DemoClinic {
  const random = seededRandom(options.seed ?? 20261121);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const created = new Date(options.now.getTime() - 400 * 86_400_000).toISOString();
  const base = { createdAt: created, updatedAt: created, updatedBy: DESK_ACTOR, deskId: DEMO_DESK };
  const timeZone = 'Europe/Oslo';

  // An Oslo clinic that works in English, as its names and services are English: Norwegian
  // formats, English words (docs/decisions/0033-languages.md). Staff can choose bokmål for themselves.
  const settings: ClinicSettingsDoc = {
    id: 'clinic', clinicName: 'Fjordside Physio (demo)', displayName: 'Fjordside Physio', currency: 'NOK', locale: 'en-NO', timeZone,
    billingProcess: 'automatic', manualCreateDraft: true, defaultAltPaymentMethod: 'card_terminal',
    linkTiming: 'after_appointment', linkDelayMinutes: 15, paymentTermsDays: 14, vatRatesBp: [2500, 1500, 1200, 0],
    organisationNumber: '912 345 678', address: 'Strandgata 1, 5013 Bergen', supportEmail: 'post@fjordside.example', bankAccount: '1503 12 34567',
    senderName: 'Fjordside Physio', ...defaultPaymentSettings(2500), invoicingActivatedAt: created, senderMode: 'staff', idleLockMinutes: 10, ...base,
  };
  const staff: StaffDoc[] = Array.from({ length: options.practitioners }, (_, i) => ({
    id: demoId('staff', i), name: PRACTITIONERS[i % PRACTITIONERS.length]! + (i >= PRACTITIONERS.length ? ` ${i}` : ''), email: '',
    roles: i === 0 ? ['admin', 'billing', 'practitioner'] : ['practitioner'], isPractitioner: true,
    color: PRACTITIONER_COLORS[i % PRACTITIONER_COLORS.length]!, active: true, sortKey: i, ...base,
  }));
  const services: ServiceDoc[] = [
    { name: 'Consultation', durationMinutes: 45, priceMinor: 75_000 },
    { name: 'Follow-up', durationMinutes: 30, priceMinor: 55_000 },
    { name: 'Extended treatment', durationMinutes: 60, priceMinor: 98_000 },
    { name: 'Short check', durationMinutes: 15, priceMinor: 30_000 },
  ].map((s, i) => ({ id: demoId('service', i), ...s, currency: 'NOK', vatRateBp: 0, active: true, ...base }));
  const clients: ClientDoc[] = Array.from({ length: options.clients }, (_, i) => {
    const firstName = pick(FIRST);
    const lastName = pick(LAST);
    const email = `${foldForSearch(firstName)}.${foldForSearch(lastName)}${i}@example.com`;
    const phone = `+47 4${String(1000000 + i).slice(-7)}`;
    return {
      id: demoId('client', i), firstName, lastName, sortName: foldForSearch(`${lastName} ${firstName}`),
      searchText: clientSearchText(firstName, lastName, email, phone), email, phone, address: '', dateOfBirth: '', ...base,
    };
  });

  // Fill working days (Mon–Fri) practitioner by practitioner, starting some weeks back
  // so about a third of the bookings lie in the past.
  const perDay = options.practitioners * options.perPractitionerDay;
  const workingDays = Math.ceil(options.bookings / perDay);
  const weeks = Math.ceil(workingDays / 5);
  const today = localDateOf(options.now, timeZone);
  let day = addDays(startOfWeek(today), -7 * Math.floor(weeks / 3));
  const bookings: BookingDoc[] = [];
  const invoices: InvoiceDoc[] = [];
  let n = 0;
  while (n < options.bookings) {
    if (weekdayIndex(day) < 5) {
      for (let p = 0; p < options.practitioners && n < options.bookings; p++) {
        let minute = 8 * 60 + Math.floor(random() * 4) * 15;
        for (let k = 0; k < options.perPractitionerDay && n < options.bookings; k++) {
          const service = pick(services);
          const client = pick(clients);
          const start = wallTimeToInstant({ ...parseLocalDate(day), hour: Math.floor(minute / 60), minute: minute % 60 }, timeZone).toISOString();
          const id = demoId('booking', n);
          const billing = resolveBilling(settings, random() < 0.85 ? 'clinic-default' : 'manual', created);
          const invoiceId = createsDraftInvoice(billing) ? demoId('invoice', n) : '';
          bookings.push({
            id, clientId: client.id, serviceId: service.id, practitionerId: staff[p]!.id, start,
            end: bookingEnd(start, service.durationMinutes), status: random() < 0.04 ? 'cancelled' : 'booked',
            billing, billingChosen: billing !== 'automatic', invoiceId, ...base,
          });
          if (invoiceId) invoices.push(draftInvoiceForBooking({ id, clientId: client.id, start }, service, settings, invoiceId, { now: created, actor: DESK_ACTOR, desk: DEMO_DESK }));
          minute += service.durationMinutes + Math.floor(random() * 3) * 15;
          n++;
        }
      }
    }
    day = addDays(day, 1);
  }
  return { settings, staff, services, clients, bookings, invoices };
}
