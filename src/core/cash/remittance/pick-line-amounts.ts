// Which of a text line's amounts is the one paid, when no heading says. Advices list the invoice
// amount first and the amount paid last, with the discounts and deductions between:
// "1.000,00  20,00  980,00" is 1,000.00 less a 20.00 discount, paid 980.00. Two amounts are the
// invoice's and the paid one; the difference is a deduction. Anything that does not add up keeps
// the last amount as paid and the first as the invoice's.

export interface LineAmounts {
  paidMinor: number;
  invoiceAmountMinor: number | null;
  discountMinor: number;
  deductionMinor: number;
}

export function pickLineAmounts(amounts: readonly number[]): LineAmounts {
  const paid = amounts[amounts.length - 1]!;
  if (amounts.length === 1 || paid <= 0) return { paidMinor: paid, invoiceAmountMinor: null, discountMinor: 0, deductionMinor: 0 };
  const first = amounts[0]!;
  const between = amounts.slice(1, -1).map(Math.abs);
  if (first < paid) return { paidMinor: paid, invoiceAmountMinor: null, discountMinor: 0, deductionMinor: 0 };
  if (between.length === 0) return { paidMinor: paid, invoiceAmountMinor: first, discountMinor: 0, deductionMinor: first - paid };
  const taken = between.reduce((sum, amount) => sum + amount, 0);
  if (first - taken === paid) return { paidMinor: paid, invoiceAmountMinor: first, discountMinor: between[0]!, deductionMinor: taken - between[0]! };
  // One of the middle amounts is the deduction, the others something else (an open amount, a tax).
  const single = between.find((amount) => first - amount === paid);
  if (single !== undefined) return { paidMinor: paid, invoiceAmountMinor: first, discountMinor: single, deductionMinor: 0 };
  return { paidMinor: paid, invoiceAmountMinor: first, discountMinor: 0, deductionMinor: first - paid };
}
