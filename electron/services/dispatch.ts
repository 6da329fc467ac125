/**
 * Runs a contract request from the renderer: checks the channel is in the contract,
 * validates the input with the channel's parser, then calls main's handler. Used by
 * Electron's ipcMain handlers and by the browser host's socket alike. Node-only.
 */
import { ContractError, isRequestChannel, requests, type RequestHandlers } from '../../shared/contract/index.js';

export async function dispatchRequest(handlers: RequestHandlers, channel: unknown, input: unknown): Promise<unknown> {
  if (!isRequestChannel(channel)) throw new ContractError(`unknown request channel: ${String(channel)}`);
  const parsed = requests[channel].parse(input);
  const handler = handlers[channel] as (value: unknown) => unknown;
  return await handler(parsed);
}
