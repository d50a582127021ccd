import { describe, expect, it } from 'vitest';
import { stripQuotedText } from './strip-quoted-text.ts';

describe('stripQuotedText', () => {
  it.each([
    ['On … wrote:', 'Paid today.\n\nOn Tue, 3 Mar 2026 at 09:00, Acme <ar@acme.example> wrote:\n> Invoice INV-1 is due'],
    ['German Gmail "Am … schrieb …:"', 'Paid today.\n\nAm Di., 3. März 2026 um 09:00 Uhr schrieb Acme <ar@acme.example>:\n> Rechnung INV-1'],
    ['French "Le … a écrit :"', 'Paid today.\n\nLe mar. 3 mars 2026 à 09:00, Acme <ar@acme.example> a écrit :\n> Facture INV-1'],
    ['-----Original Message-----', 'Paid today.\n\n-----Original Message-----\nFrom: Acme\nSent: Tuesday\nInvoice INV-1'],
    ['German Outlook "Von: … Gesendet:"', 'Paid today.\n\n________________________________\nVon: Acme Billing <ar@acme.example>\nGesendet: Dienstag, 3. März 2026 09:00\nAn: Kunde\nBetreff: Rechnung INV-1'],
    ['-----Ursprüngliche Nachricht-----', 'Paid today.\n\n-----Ursprüngliche Nachricht-----\nVon: Acme\nRechnung INV-1'],
    ['a trailing "> " block with no attribution', 'Paid today.\n\n> Invoice INV-1 is due\n> Pay now'],
  ])('cuts at %s', (_name, text) => {
    expect(stripQuotedText(text)).toBe('Paid today.');
  });

  it('keeps inline quotes that the sender answers below', () => {
    const text = '> Can you pay by Friday?\nYes, on Thursday.';
    expect(stripQuotedText(text)).toBe(text);
  });

  it('keeps a "From:" line that is not followed by a Sent/Date line', () => {
    expect(stripQuotedText('Please note:\nFrom: April we have a new address.')).toBe('Please note:\nFrom: April we have a new address.');
  });
});
