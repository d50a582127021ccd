import { describe, expect, it } from 'vitest';
import type { Cadence } from '../policy/policy-model.ts';
import { routeException } from './route-exception.ts';

const cadence: Cadence = {
  name: 'standard',
  description: null,
  tone: 'neutral',
  steps: [],
  escalations: [],
  caps: {
    discount: [
      { upTo: '5', approvers: [] },
      { upTo: '15', approvers: ['controller'] },
      { upTo: null, approvers: ['controller', 'legal'] },
    ],
    credit: [{ upTo: '500', approvers: [] }],
  },
};

const route = (kind: 'discount' | 'credit', amountMinor: number, overrides: Partial<Parameters<typeof routeException>[0]> = {}) =>
  routeException({ kind, amountMinor, invoiceAmountMinor: 1000_00, digits: 2, cadence, ...overrides });

describe('routeException', () => {
  it('takes the first discount tier whose percentage holds, exactly at the bound', () => {
    expect(route('discount', 50_00).approvers).toEqual([]); // 5 % of 1,000.00
    expect(route('discount', 50_01)).toMatchObject({ approvers: ['controller'], tier: { index: 1, upTo: '15' } });
    expect(route('discount', 150_00).approvers).toEqual(['controller']);
    expect(route('discount', 150_01)).toMatchObject({ approvers: ['controller', 'legal'], tier: { index: 2, upTo: null } });
  });

  it('compares a credit with its bound in the invoice’s currency, minor units included', () => {
    expect(route('credit', 500_00).approvers).toEqual([]);
    expect(route('credit', 500, { digits: 0 }).approvers).toEqual([]); // 500 JPY
    // Above the last bound, with no open-ended tier: a Controller.
    expect(route('credit', 500_01)).toMatchObject({ approvers: ['controller'], tier: null });
  });

  it('needs a Controller when the policy is silent', () => {
    expect(route('credit', 1, { cadence: { ...cadence, caps: { discount: [], credit: [] } } }).explanation).toBe('cadence standard sets no credit caps: a Controller approves');
    expect(route('discount', 1, { cadence: null })).toEqual({ approvers: ['controller'], tier: null, explanation: 'no cadence governs the invoice: a Controller approves' });
  });
});
