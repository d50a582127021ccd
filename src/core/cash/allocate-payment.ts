import { compareText } from './build-invoice-index.ts';
import type { Allocation, ShortPay } from './cash-types.ts';
import type { Pick } from './gather-hypotheses.ts';
import type { MatchContext } from './match-context.ts';

// Splits the payment over a reading's invoices. Never more than the payment in all, never more
// than an invoice's open balance: a remittance line's amount where the payer gave one, otherwise
// the oldest due first, so a short-pay leaves the newest invoice partly open.

export interface Split {
  allocations: Allocation[];
  unappliedMinor: number;
  /** What the invoices (or the remittance's lines) ask for in all. */
  askedMinor: number;
  shortPay: ShortPay | null;
}

export function allocatePayment(context: MatchContext, picks: readonly Pick[]): Split {
  const fromLines = picks.every((pick) => pick.via.kind === 'remittance');
  const ordered = fromLines
    ? [...picks].sort((a, b) => lineOf(a) - lineOf(b))
    : [...picks].sort((a, b) => a.invoice.dueOn - b.invoice.dueOn || compareText(a.invoice.number, b.invoice.number));
  let remaining = context.payment.amountMinor;
  let askedMinor = 0;
  let shortMinor = 0;
  const partly: string[] = [];
  const allocations: Allocation[] = [];
  for (const pick of ordered) {
    const open = context.openBalance(pick.invoice);
    const asked = pick.via.kind === 'remittance' ? Math.min(open, pick.via.lineAmountMinor) : open;
    askedMinor += asked;
    const amountMinor = Math.min(remaining, asked);
    remaining -= amountMinor;
    if (amountMinor < open) {
      shortMinor += open - amountMinor;
      partly.push(pick.invoice.id);
    }
    if (amountMinor > 0) allocations.push({ invoiceId: pick.invoice.id, invoiceNumber: pick.invoice.number, customerId: pick.invoice.customerId, amountMinor });
  }
  return { allocations, unappliedMinor: remaining, askedMinor, shortPay: shortMinor > 0 ? { shortMinor, invoiceIds: partly } : null };
}

function lineOf(pick: Pick): number {
  return pick.via.kind === 'remittance' ? pick.via.line : 0;
}
