import type { IncomingPayment, OpenInvoice } from '../cash-types.ts';

// A small portfolio the cash tests share, and a payment builder. Days are epoch days.

export function invoice(id: string, number: string, customerId: string, customerName: string, balanceMinor: number, options: Partial<OpenInvoice> = {}): OpenInvoice {
  return { id, number, customerId, customerName, balanceMinor, currency: 'EUR', issuedOn: 20_000, dueOn: 20_030, ...options };
}

const acme = ['c_acme', 'Acme GmbH & Co. KG'] as const;
const globex = ['c_globex', 'Globex Ltd'] as const;
const initech = ['c_initech', 'Initech Inc.'] as const;
const umbrella = ['c_umbrella', 'Umbrella S.A.'] as const;

export const portfolio: readonly OpenInvoice[] = [
  invoice('i17', 'INV-0104217', ...acme, 50_000, { dueOn: 20_010 }),
  invoice('i18', 'INV-0104218', ...acme, 120_000, { dueOn: 20_020 }),
  invoice('i22', 'INV-0104222', ...acme, 30_000, { dueOn: 20_040 }),
  invoice('i19', 'INV-0104219', ...globex, 50_000),
  invoice('i30', 'INV-0104230', ...globex, 75_000, { currency: 'USD' }),
  invoice('i40', 'INV-0104240', ...initech, 9_900, { dueOn: 20_001 }),
  invoice('i41', 'INV-0104241', ...initech, 9_900, { dueOn: 20_031 }),
  invoice('i42', 'INV-0104242', ...initech, 9_900, { dueOn: 20_061 }),
  invoice('i50', 'INV-0104250', ...umbrella, 250_000),
];

export function payment(overrides: Partial<IncomingPayment> = {}): IncomingPayment {
  return { id: 'p1', amountMinor: 50_000, currency: 'EUR', receivedAt: Date.UTC(2024, 9, 1, 9), customerId: null, payerName: '', memo: '', remittance: [], ...overrides };
}
