import type { ApprovalTier, Cadence } from '../policy/policy-model.ts';
import type { Role } from '../policy/policy-schema.ts';

// Who must approve a discount or credit on an invoice: the caps of the cadence that governs it
// (spec, Cadence `caps`). Tiers are tried in order; the first whose bound holds the exception
// decides (a discount's bound is a percentage of the invoice amount, a credit's an amount in the
// invoice's currency). A tier without approvers needs none. Where the cadence sets no caps, or
// the exception is above every bound and no open-ended tier follows, a Controller must approve:
// least privilege when the policy is silent.

export interface ExceptionRoute {
  approvers: Role[];
  /** The tier that decided, by position; null when the policy was silent. */
  tier: { index: number; upTo: string | null } | null;
  /** Why, for the request and the audit trail. */
  explanation: string;
}

/** A decimal string as an exact fraction: "12.5" → 125 / 10. */
function fraction(decimal: string): { numerator: bigint; denominator: bigint } {
  const [whole = '0', part = ''] = decimal.split('.');
  return { numerator: BigInt(`${whole}${part}`), denominator: 10n ** BigInt(part.length) };
}

function holds(kind: 'discount' | 'credit', tier: ApprovalTier, amountMinor: number, invoiceAmountMinor: number, digits: number): boolean {
  if (tier.upTo === null) return true;
  const bound = fraction(tier.upTo);
  if (kind === 'discount') {
    // amount / invoiceAmount * 100 <= upTo, without rounding.
    return BigInt(amountMinor) * 100n * bound.denominator <= bound.numerator * BigInt(invoiceAmountMinor);
  }
  return BigInt(amountMinor) * bound.denominator <= bound.numerator * 10n ** BigInt(digits);
}

export function routeException(input: {
  kind: 'discount' | 'credit';
  amountMinor: number;
  invoiceAmountMinor: number;
  /** The currency's minor-unit digits (2 for EUR, 0 for JPY). */
  digits: number;
  cadence: Cadence | null;
}): ExceptionRoute {
  const { kind, amountMinor, invoiceAmountMinor, digits, cadence } = input;
  const tiers = cadence ? (kind === 'discount' ? cadence.caps.discount : cadence.caps.credit) : [];
  if (!cadence || tiers.length === 0) {
    const why = cadence ? `cadence ${cadence.name} sets no ${kind} caps` : 'no cadence governs the invoice';
    return { approvers: ['controller'], tier: null, explanation: `${why}: a Controller approves` };
  }
  const index = tiers.findIndex((tier) => holds(kind, tier, amountMinor, invoiceAmountMinor, digits));
  if (index < 0) {
    return { approvers: ['controller'], tier: null, explanation: `above every ${kind} cap of cadence ${cadence.name}: a Controller approves` };
  }
  const tier = tiers[index]!;
  const bound = tier.upTo === null ? 'above the last bound' : `up to ${tier.upTo}${kind === 'discount' ? ' %' : ''}`;
  const who = tier.approvers.length === 0 ? 'no approval needed' : `approved by ${tier.approvers.join(' and ')}`;
  return { approvers: [...tier.approvers], tier: { index, upTo: tier.upTo }, explanation: `cadence ${cadence.name}, ${kind} cap ${bound}: ${who}` };
}
