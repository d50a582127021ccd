// How payers write what a payment is for, and how banks show who paid: the shapes the cash
// benchmark's payments take (bench/build-cash-data.ts).

export type Random = () => number;

export function pickFrom<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** The digits of an invoice number ("INV-0104217" → "104217"). */
export function significantDigits(number: string): string {
  return number.replace(/\D/g, '').replace(/^0+/, '');
}

const singleShapes: readonly ((digits: string, number: string) => string)[] = [
  (_, number) => number,
  (_, number) => number,
  (digits) => `INV-${digits}`,
  (digits) => `inv ${digits}`,
  (digits) => `Invoice #${digits}`,
  (digits) => `Invoice no. ${digits}`,
  (digits) => digits,
  (digits) => digits,
  (digits) => `INV${digits}`,
  (digits) => `INV-00${digits}`,
  (digits) => `Rechnung Nr. ${digits}`,
  (digits) => `RE ${digits}`,
  (_, number) => `Payment ${number} thank you`,
  (digits) => `Ref ${digits}`,
  (digits) => `SEPA CT 2024-09-28 INV ${digits} /ZAHLUNG`,
  (digits) => `Facture ${digits}`,
  (digits) => `payment for invoice ${digits}, order PO 55${digits.slice(-3)}`,
];

export function writeSingleMemo(random: Random, number: string, digits = significantDigits(number)): string {
  return pickFrom(random, singleShapes)(digits, number);
}

export function writeListMemo(random: Random, numbers: readonly string[]): string {
  const digits = numbers.map((number) => significantDigits(number));
  const last = digits[digits.length - 1]!;
  const head = digits.slice(0, -1);
  const shapes: readonly (() => string)[] = [
    () => `${numbers[0]!}, ${digits.slice(1, -1).map((each) => `${each}, `).join('')}${digits.length > 1 ? `& ${last}` : ''}`.replace(', &', ' &'),
    () => `Invoices ${digits.join('/')}`,
    () => numbers.map((number) => number).join(' '),
    () => `INV ${head.join(', ')} and ${last}`,
    () => digits.join(', '),
    () => `Rechnungen ${digits.join(' + ')}`,
  ];
  return pickFrom(random, shapes)();
}

/** One typing or OCR mistake in the significant digits: a wrong, missing, extra or swapped character. */
export function mistype(random: Random, digits: string): string {
  const kind = Math.floor(random() * 5);
  // Not the first digit: a payer who gets the first digit wrong usually gets a different number entirely.
  const at = 1 + Math.floor(random() * (digits.length - 1));
  const other = (digit: string) => String((Number(digit) + 1 + Math.floor(random() * 9)) % 10);
  if (kind === 0) return digits.slice(0, at) + other(digits[at]!) + digits.slice(at + 1);
  if (kind === 1) return digits.slice(0, at) + digits.slice(at + 1);
  if (kind === 2) return digits.slice(0, at) + String(Math.floor(random() * 10)) + digits.slice(at);
  if (kind === 3 && at + 1 < digits.length && digits[at] !== digits[at + 1]) return digits.slice(0, at) + digits[at + 1]! + digits[at]! + digits.slice(at + 2);
  // OCR: a zero read as the letter O, a one as I.
  if (digits.slice(1).includes('0')) return digits[0]! + digits.slice(1).replace('0', 'O');
  return digits.slice(0, at) + other(digits[at]!) + digits.slice(at + 1);
}

const junkMemos = ['see attached', 'Zahlung', 'thanks', 'payment', 'ORDER 55123', 'Customer 4711', 'TRX 99812734 SEPA', 'April services', 'Ihre Lieferung', 'REMITTANCE TO FOLLOW', 'x', ''];

export function writeJunkMemo(random: Random): string {
  return pickFrom(random, junkMemos);
}

const noReferenceMemos = ['', '', 'Payment', 'Zahlung', 'Thank you', 'Überweisung', 'monthly payment', 'SEPA CT'];

export function writeNoReferenceMemo(random: Random): string {
  return pickFrom(random, noReferenceMemos);
}

const unrelatedPayers = ['PAYPAL EUROPE S.A R.L.', 'J SMITH', 'WISE PAYMENTS LTD', 'HOLDING INTERNATIONAL', 'M MUELLER', 'TREASURY SERVICES', ''];

/** The payer's name as the bank shows it: mostly the customer's, in capitals, sometimes cut or abbreviated, sometimes someone else's. */
export function writePayerName(random: Random, customerName: string): { payerName: string; kind: 'bank_form' | 'truncated' | 'abbreviated' | 'unrelated' } {
  const roll = random();
  const upper = customerName.toUpperCase().replace(/[.,]/g, '');
  if (roll < 0.6) return { payerName: random() < 0.5 ? upper : upper.replace(/ & CO KG$/, '').replace(/ GMBH$/, ' GMBH'), kind: 'bank_form' };
  if (roll < 0.75) return { payerName: upper.slice(0, 18).trim(), kind: 'truncated' };
  if (roll < 0.85) {
    const words = upper.split(' ');
    return { payerName: words.length > 2 ? `${words[0]!} ${words[1]!.slice(0, 3)}` : `${words[0]!} ${words.slice(1).join(' ')}`.replace(/[AEIOU](?=[A-Z]*$)/, ''), kind: 'abbreviated' };
  }
  return { payerName: pickFrom(random, unrelatedPayers), kind: 'unrelated' };
}
