import { describe, expect, it } from 'vitest';
import { maskSecret } from './manage-payment-connectors.ts';

describe('a masked key', () => {
  it('shows a processor key’s known prefix and its last four characters', () => {
    expect(maskSecret('sk_live_51AbCdEfGhIj9f3a')).toBe('sk_live_…9f3a');
    expect(maskSecret('rk_test_51AbCdEfGhIjMnOp')).toBe('rk_test_…MnOp');
    expect(maskSecret('whsec_abcdefghijklmnopcdef')).toBe('whsec_…cdef');
  });

  it('shows only the last four characters of any other secret, whatever it starts with', () => {
    expect(maskSecret('abcdefghijklmnopqrstuvwxyz_0123456789ABCDEF')).toBe('…CDEF');
    expect(maskSecret('live_secret_of_the_generic_webhook_1234')).toBe('…1234');
  });
});
