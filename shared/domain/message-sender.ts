/**
 * Who a message to a client comes from (docs/decisions/0035-activation-and-sender.md): the
 * clinic's sender name, or — when the clinic chooses it — the staff member who sent it, as
 * Ensora's "From: staff member's name". Never a practitioner: a therapist's name can tell what
 * the client is treated for (docs/design.md invariant 7). Never for what the desk sends by
 * itself (an Automatic booking's link, the chasing): no person sent it. Pure; read by main's
 * sender (electron/services/scheduler/send-request.ts).
 */
import type { ClinicSettingsDoc, PaymentRequestDoc, StaffDoc } from '../schemas/index.js';
import { isAutomaticLink } from './link-amount.js';
import { SYSTEM_ACTOR } from './permissions.js';

type SenderSettings = Pick<ClinicSettingsDoc, 'senderMode' | 'senderName' | 'displayName'>;
type SentRequest = Pick<PaymentRequestDoc, 'purpose' | 'amountMinor' | 'updatedBy'>;

/** Whether this staff member treats clients: their name is never a message's sender. */
const treatsClients = (staff: Pick<StaffDoc, 'roles' | 'isPractitioner'>): boolean => staff.isPractitioner || staff.roles.includes('practitioner');

/** The clinic's own sender name. */
const clinicSender = (settings: SenderSettings): string => settings.senderName || settings.displayName;

/** Whether a person sent this request (a staff link), rather than the desk by itself. */
export function sentByPerson(request: SentRequest): boolean {
  return request.purpose === 'payment_link' && !isAutomaticLink(request) && request.updatedBy !== SYSTEM_ACTOR;
}

/** The name a message for `request` comes from; `staff` is who last asked for it (null when unknown). */
export function messageSender(settings: SenderSettings, request: SentRequest, staff: Pick<StaffDoc, 'name' | 'roles' | 'isPractitioner' | 'active'> | null): string {
  if (settings.senderMode !== 'staff' || !sentByPerson(request) || !staff || !staff.active || treatsClients(staff)) return clinicSender(settings);
  return staff.name;
}
