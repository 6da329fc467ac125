import { describe, expect, it } from 'vitest';
import { messageSender, sentByPerson } from './message-sender.js';
import { BALANCE_AMOUNT, storedAmountMinor } from './link-amount.js';
import { SYSTEM_ACTOR } from './permissions.js';

const settings = { senderMode: 'staff' as const, senderName: 'Fjordside Fysio', displayName: 'Fjordside' };
const berit = { name: 'Berit Billing', roles: ['billing' as const], isPractitioner: false, active: true };
const staffLink = { purpose: 'payment_link' as const, amountMinor: 30_000, updatedBy: 'st-berit' };

describe('who a message comes from', () => {
  it("is the staff member who sent a link, when the clinic chose that", () => {
    expect(messageSender(settings, staffLink, berit)).toBe('Berit Billing');
    expect(messageSender({ ...settings, senderMode: 'clinic' }, staffLink, berit)).toBe('Fjordside Fysio');
  });

  it("is the clinic for what the desk sends by itself: an Automatic booking's link and every chasing step", () => {
    const automatic = { ...staffLink, amountMinor: storedAmountMinor(BALANCE_AMOUNT) };
    expect(sentByPerson(automatic)).toBe(false);
    expect(messageSender(settings, automatic, berit)).toBe('Fjordside Fysio');
    for (const purpose of ['reminder', 'second_reminder', 'final_notice'] as const) expect(messageSender(settings, { ...staffLink, purpose }, berit)).toBe('Fjordside Fysio');
    expect(messageSender(settings, { ...staffLink, updatedBy: SYSTEM_ACTOR }, berit)).toBe('Fjordside Fysio');
  });

  it('is never a practitioner, nor someone no longer active or unknown', () => {
    expect(messageSender(settings, staffLink, { ...berit, roles: ['billing', 'practitioner'] })).toBe('Fjordside Fysio');
    expect(messageSender(settings, staffLink, { ...berit, isPractitioner: true })).toBe('Fjordside Fysio');
    expect(messageSender(settings, staffLink, { ...berit, active: false })).toBe('Fjordside Fysio');
    expect(messageSender(settings, staffLink, null)).toBe('Fjordside Fysio');
  });

  it("falls back to the display name when the clinic has no sender name", () => {
    expect(messageSender({ ...settings, senderName: '', senderMode: 'clinic' }, staffLink, berit)).toBe('Fjordside');
  });
});
