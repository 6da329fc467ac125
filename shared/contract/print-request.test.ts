import { describe, expect, it } from 'vitest';
import { ContractError, requests } from './index.js';

const parse = requests['print.savePdf'].parse;

describe("the contract's print.savePdf request", () => {
  it('accepts a file name and trims it', () => {
    expect(parse({ suggestedName: '  Invoice 12 – Fjordside Physio  ' })).toEqual({ suggestedName: 'Invoice 12 – Fjordside Physio' });
    expect(parse({ suggestedName: 'Day sheet 2026-11-20.pdf', extra: 1 })).toEqual({ suggestedName: 'Day sheet 2026-11-20.pdf' });
  });

  it.each([
    [undefined, /expected an object/],
    ['Invoice 12', /expected an object/],
    [{}, /suggestedName must be a string/],
    [{ suggestedName: 12 }, /suggestedName must be a string/],
    [{ suggestedName: '   ' }, /must not be empty/],
    [{ suggestedName: 'x'.repeat(201) }, /suggestedName must be a string/],
    [{ suggestedName: '../../etc/passwd' }, /without control characters or slashes/],
    [{ suggestedName: 'C:\\Users\\desk\\invoice' }, /without control characters or slashes/],
    [{ suggestedName: 'Invoice\n12' }, /without control characters or slashes/],
  ])('refuses %j', (input, message) => {
    expect(() => parse(input)).toThrow(ContractError);
    expect(() => parse(input)).toThrow(message);
  });
});
