import { performance } from 'node:perf_hooks';
import { buildInvoiceIndex } from '../src/core/cash/build-invoice-index.ts';
import type { MatchProposal } from '../src/core/cash/cash-types.ts';
import { defaultAutoApplyThreshold } from '../src/core/cash/decide-auto-apply.ts';
import { matchPayments } from '../src/core/cash/match-payments.ts';
import { buildCashData, cashPaymentKinds, type CashPaymentKind, type CashTruth } from './build-cash-data.ts';

// Cash-App Assist against generated payments whose truth is known: each payment is auto-applied
// correctly (its allocations are exactly the truth's), auto-applied wrongly (anything else), or
// left for review, at the default threshold. Then the same batch timed: the index built once,
// every payment matched.

export interface CashSize {
  invoices: number;
  customers: number;
  payments: number;
}

export interface CashTask {
  kind: 'cash';
  sizes: CashSize[];
  seed: number;
  /** The epoch day the invoices are issued up to. */
  today: number;
  runs: number;
}

export interface CashOutcome {
  payments: number;
  autoCorrect: number;
  autoWrong: number;
  review: number;
  /** Left for review with the truth as the proposal: the person only confirms. */
  reviewRightProposal: number;
}

export interface CashWrongMatch {
  paymentId: string;
  kind: CashPaymentKind;
  memo: string;
  truth: CashTruth['allocations'];
  proposal: Pick<MatchProposal, 'allocations' | 'confidence' | 'reasons'>;
}

export interface CashSizeMeasurement {
  size: CashSize;
  currencies: Record<string, number>;
  generateMs: number;
  outcome: CashOutcome;
  byKind: Record<CashPaymentKind, CashOutcome>;
  /** Why payments were left for review: the first blocker, or "below the threshold". */
  reviewCauses: Record<string, number>;
  wrong: CashWrongMatch[];
  indexMs: number[];
  matchMs: number[];
  heapUsedAfterIndexBytes: number;
}

export interface CashMeasurement {
  kind: 'cash';
  threshold: number;
  sizes: CashSizeMeasurement[];
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function measureCashMatching(task: CashTask): Promise<CashMeasurement> {
  return Promise.resolve({ kind: 'cash', threshold: defaultAutoApplyThreshold, sizes: task.sizes.map((size) => measureSize(task, size)) });
}

function measureSize(task: CashTask, size: CashSize): CashSizeMeasurement {
  let started = performance.now();
  const data = buildCashData({ ...size, seed: task.seed, today: task.today });
  const generateMs = performance.now() - started;
  const currencies: Record<string, number> = {};
  for (const invoice of data.invoices) currencies[invoice.currency] = (currencies[invoice.currency] ?? 0) + 1;

  const byKind = Object.fromEntries(Object.keys(cashPaymentKinds).map((kind) => [kind, emptyOutcome()])) as Record<CashPaymentKind, CashOutcome>;
  const outcome = emptyOutcome();
  const reviewCauses: Record<string, number> = {};
  const wrong: CashWrongMatch[] = [];
  const results = matchPayments({ payments: data.payments, index: buildInvoiceIndex(data.invoices) });
  results.forEach(({ proposal, decision }, position) => {
    const truth = data.truths[position]!;
    const payment = data.payments[position]!;
    const right = sameAllocations(proposal, truth);
    for (const tally of [outcome, byKind[truth.kind]]) {
      tally.payments += 1;
      if (decision.autoApply && right) tally.autoCorrect += 1;
      else if (decision.autoApply) tally.autoWrong += 1;
      else {
        tally.review += 1;
        if (right) tally.reviewRightProposal += 1;
      }
    }
    if (!decision.autoApply) {
      const cause = proposal.blockers[0]?.code ?? 'below_threshold';
      reviewCauses[cause] = (reviewCauses[cause] ?? 0) + 1;
    }
    if (decision.autoApply && !right && wrong.length < 20) {
      wrong.push({ paymentId: payment.id, kind: truth.kind, memo: payment.memo, truth: truth.allocations, proposal: { allocations: proposal.allocations, confidence: proposal.confidence, reasons: proposal.reasons } });
    }
  });

  const indexMs: number[] = [];
  const matchMs: number[] = [];
  let heapUsedAfterIndexBytes = 0;
  for (let run = 0; run < task.runs; run += 1) {
    collectGarbage();
    started = performance.now();
    const index = buildInvoiceIndex(data.invoices);
    indexMs.push(performance.now() - started);
    heapUsedAfterIndexBytes = process.memoryUsage().heapUsed;
    started = performance.now();
    matchPayments({ payments: data.payments, index });
    matchMs.push(performance.now() - started);
  }
  return { size, currencies, generateMs, outcome, byKind, reviewCauses, wrong, indexMs, matchMs, heapUsedAfterIndexBytes };
}

function emptyOutcome(): CashOutcome {
  return { payments: 0, autoCorrect: 0, autoWrong: 0, review: 0, reviewRightProposal: 0 };
}

function sameAllocations(proposal: MatchProposal, truth: CashTruth): boolean {
  if (proposal.allocations.length !== truth.allocations.length) return false;
  const expected = new Map(truth.allocations.map((allocation) => [allocation.invoiceId, allocation.amountMinor]));
  return proposal.allocations.every((allocation) => expected.get(allocation.invoiceId) === allocation.amountMinor);
}
