import type { InvoiceIndex } from './build-invoice-index.ts';
import type { IncomingPayment, MatchProposal } from './cash-types.ts';
import { decideAutoApply, defaultAutoApplyThreshold, type AutoApplyDecision } from './decide-auto-apply.ts';
import { matchPayment } from './match-payment.ts';

// A batch against one index (buildInvoiceIndex, once per batch): the payments matched in the
// order given (oldest received first, as the caller sorts them), and what an auto-applied
// payment took no longer open to the ones after it, so two payments of one invoice are never
// both applied to it. Proposals left for review take nothing.

export interface MatchedPayment {
  proposal: MatchProposal;
  decision: AutoApplyDecision;
}

export function matchPayments({
  payments,
  index,
  threshold = defaultAutoApplyThreshold,
}: {
  payments: readonly IncomingPayment[];
  index: InvoiceIndex;
  threshold?: number;
}): MatchedPayment[] {
  const consumed = new Map<string, number>();
  return payments.map((payment) => {
    const proposal = matchPayment({ payment, index, consumed });
    const decision = decideAutoApply({ proposal, threshold });
    if (decision.autoApply) {
      for (const allocation of proposal.allocations) consumed.set(allocation.invoiceId, (consumed.get(allocation.invoiceId) ?? 0) + allocation.amountMinor);
    }
    return { proposal, decision };
  });
}
