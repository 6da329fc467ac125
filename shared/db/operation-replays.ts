/**
 * How each journaled command is run again to finish what it began (shared/db/operations.ts):
 * by name, with the input the journal kept. Used by recovery at the desk's start and after a
 * failed command. Importable from every runtime.
 */
import type { PaymentInput } from '../domain/payment-rules.js';
import type { OperationReplays } from './operations.js';
import { applyClientCredit, refundClientCredit, takePayment } from './payment-commands.js';
import { completeInvoice, createCreditNote, voidInvoice } from './invoice-commands.js';
import { activatePayments } from './payment-settings-commands.js';
import type { ActivationInput } from '../domain/activation.js';
import { cancelBooking, createBooking, type BookingInput } from './booking-commands.js';
import type { CreditRequest } from '../domain/invoice-corrections.js';
import type { DeskMethod } from '../domain/payment-rules.js';
import { cancelPaymentRequest, createPaymentRequest, resendPaymentRequest } from './payment-request-commands.js';
import type { PaymentRequestInput } from '../domain/payment-request-rules.js';

const record = (args: unknown): Record<string, unknown> => (typeof args === 'object' && args !== null ? (args as Record<string, unknown>) : {});
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export const OPERATION_REPLAYS: OperationReplays = {
  takePayment: (db, args, ctx) => takePayment(db, text(record(args).invoiceId), record(args).input as PaymentInput, ctx),
  createPaymentRequest: (db, args, ctx) => createPaymentRequest(db, text(record(args).invoiceId), record(args).input as PaymentRequestInput, ctx),
  resendPaymentRequest: (db, args, ctx) => resendPaymentRequest(db, text(record(args).requestId), ctx),
  applyClientCredit: (db, args, ctx) => applyClientCredit(db, text(record(args).invoiceId), record(args).amount as string | number, ctx),
  refundClientCredit: (db, args, ctx) => refundClientCredit(db, text(record(args).clientId), record(args).amount as string | number, record(args).method as DeskMethod, ctx),
  completeInvoice: (db, args, ctx) => completeInvoice(db, text(record(args).invoiceId), ctx),
  voidInvoice: (db, args, ctx) => voidInvoice(db, text(record(args).invoiceId), ctx),
  activatePayments: (db, args, ctx) => activatePayments(db, record(args).input as ActivationInput, record(args).stripeKeyStored === true, ctx),
  cancelPaymentRequest: (db, args, ctx) => cancelPaymentRequest(db, text(record(args).requestId), ctx),
  createBooking: (db, args, ctx) => createBooking(db, record(args).input as BookingInput, ctx),
  cancelBooking: (db, args, ctx) => cancelBooking(db, text(record(args).bookingId), { voidDraft: (record(record(args).options).voidDraft) === true }, ctx),
  createCreditNote: (db, args, ctx) => createCreditNote(db, text(record(args).invoiceId), record(args).request as CreditRequest, ctx),
};
