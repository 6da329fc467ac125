/**
 * Building blocks of the contract. A request channel pairs a parser for what the
 * renderer sends (main treats it as untrusted input) with the response type; an event
 * channel pairs a name with its payload type. Types are carried by phantom fields.
 */
export interface RequestSpec<Req, Res> {
  /** Validates and narrows the renderer's input; throws a ContractError when it is wrong. */
  readonly parse: (input: unknown) => Req;
  readonly _response?: Res;
}

export interface EventSpec<Payload> {
  readonly _payload?: Payload;
}

export class ContractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractError';
  }
}

export function request<Res>() {
  return <Req>(parse: (input: unknown) => Req): RequestSpec<Req, Res> => ({ parse });
}

export function event<Payload>(): EventSpec<Payload> {
  return {};
}

/** Parser for requests that take no input. */
export function noInput(input: unknown): void {
  if (input !== undefined && input !== null) throw new ContractError('this request takes no input');
}

export function objectInput(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ContractError('expected an object');
  }
  return input as Record<string, unknown>;
}
