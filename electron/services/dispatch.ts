/**
 * Runs a contract request from the renderer: checks the channel is in the contract,
 * validates the input with the channel's parser, then calls main's handler. Used by
 * Electron's ipcMain handlers and by the browser host's socket alike. Node-only.
 */
import { ContractError, envelopeOf, isRequestChannel, requests, type RequestHandlers } from '../../shared/contract/index.js';

export async function dispatchRequest(handlers: RequestHandlers, channel: unknown, input: unknown): Promise<unknown> {
  if (!isRequestChannel(channel)) throw new ContractError(`unknown request channel: ${String(channel)}`);
  const parsed = requests[channel].parse(input);
  const handler = handlers[channel] as (value: unknown) => unknown;
  return await handler(parsed);
}

/**
 * dispatchRequest for a host: a refusal answers with its envelope, so its Text reaches the
 * renderer through Electron's IPC and the host's socket alike (shared/contract/refusal-envelope.ts).
 */
export async function answerRequest(handlers: RequestHandlers, channel: unknown, input: unknown): Promise<unknown> {
  try {
    return await dispatchRequest(handlers, channel, input);
  } catch (err) {
    const envelope = envelopeOf(err);
    if (envelope) return envelope;
    throw err;
  }
}
