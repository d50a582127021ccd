import { describeContext, reportAt, type BundleDocument, type CheckedBundle } from './bundle-document.ts';
import type { PolicyIssue } from './policy-issue.ts';
import type { CadenceDocument } from './policy-schema.ts';

// Approval tiers read like a table: up to 5 % nobody approves, up to 15 % the controller, above
// that controller and legal. That only works when bounds rise and only the last is open-ended.

interface Tier {
  upTo?: string | number | undefined;
}

export function checkCaps(bundle: CheckedBundle): PolicyIssue[] {
  return bundle.cadences.flatMap((cadence) => [
    ...checkTiers(cadence, 'discount', cadence.value.caps?.discount ?? []),
    ...checkTiers(cadence, 'credit', cadence.value.caps?.credit ?? []),
  ]);
}

function readBound(kind: 'discount' | 'credit', upTo: string | number): number {
  return kind === 'discount' ? Number(String(upTo).replace('%', '')) : Number(upTo);
}

function checkTiers(cadence: BundleDocument<CadenceDocument>, kind: 'discount' | 'credit', tiers: readonly Tier[]): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  let previous: { bound: number; written: string } | null = null;
  tiers.forEach((tier, index) => {
    const path = ['caps', kind, index];
    const context = describeContext(cadence, path);
    if (tier.upTo === undefined) {
      if (index < tiers.length - 1) {
        const message = `${context}: only the last tier may leave out upTo (it covers anything above the previous bound); give this tier a bound or move it last`;
        issues.push(reportAt(cadence, path, { code: 'invalid-cap-tiers', message }));
      }
      return;
    }
    const bound = readBound(kind, tier.upTo);
    const written = String(tier.upTo);
    if (kind === 'discount' && bound > 100) {
      const message = `${context}: a discount of ${written} is more than the whole invoice`;
      issues.push(reportAt(cadence, [...path, 'upTo'], { code: 'invalid-cap-tiers', message }));
    }
    if (previous !== null && bound <= previous.bound) {
      const message = `${context}: upTo ${written} must be higher than the previous tier's ${previous.written}; list tiers from the smallest bound up`;
      issues.push(reportAt(cadence, [...path, 'upTo'], { code: 'invalid-cap-tiers', message }));
    }
    previous = { bound, written };
  });
  return issues;
}
