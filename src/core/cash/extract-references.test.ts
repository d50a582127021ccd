import { describe, expect, it } from 'vitest';
import { extractReferences } from './extract-references.ts';
import { invoiceNumberKeys } from './normalise-invoice-number.ts';

describe('invoiceNumberKeys', () => {
  it.each([
    ['INV-0104217', ['104217']],
    ['inv 104217', ['104217']],
    ['104217', ['104217']],
    ['RE-2024-00042', ['202400042', '202442']],
    ['F 0000', ['0']],
    ['---', []],
  ])('%s → %j', (number, keys) => {
    expect(invoiceNumberKeys(number)).toEqual(keys);
  });
});

describe('extractReferences', () => {
  const read = (memo: string) => extractReferences(memo).map((mention) => `${mention.keys[0]!}${mention.explicit ? '' : '?'}${mention.ocrCorrected ? '~' : ''}${mention.fromRange ? '…' : ''}`);

  it.each([
    ['INV-1042', ['1042']],
    ['inv 1042', ['1042']],
    ['Invoice #1042', ['1042']],
    ['Rechnung Nr. 001042', ['1042']],
    ['1042', ['1042?']],
    ['INV-1042, 1043 & 1047', ['1042', '1043', '1047']],
    ['Invoices 1042/1043/1047', ['104210431047', '1042', '1043', '1047']],
    ['INV 1042 to 1045', ['1042', '1043…', '1044…', '1045']],
    ['INV-1O42', ['1042~']],
    ['PO 4711 INV 1042', ['1042']],
    ['Customer 5521, 5522', []],
    ['paid 1.042,50 EUR on 01.10.2024', []],
    ['IBAN DE89 3704 0044 0532 0130 00', []],
    ['42', []],
    ['', []],
  ])('"%s" → %j', (memo, expected) => {
    expect(read(memo)).toEqual(expected);
  });
});
