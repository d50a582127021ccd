import { describe, expect, it } from 'vitest';
import { cacheProbe } from './cache-probe.ts';

describe('cacheProbe', () => {
  it('answers from the last result until it is maxAgeMs old, and shares a call in flight', async () => {
    let clock = 0;
    let calls = 0;
    const probe = cacheProbe(async () => ({ ok: true, detail: `call ${++calls}` }), { maxAgeMs: 60_000, clock: () => clock });

    const [first, second] = await Promise.all([probe(), probe()]);
    expect([first.detail, second.detail, calls]).toEqual(['call 1', 'call 1', 1]);
    clock = 59_999;
    expect((await probe()).detail).toBe('call 1');
    clock = 60_000;
    expect((await probe()).detail).toBe('call 2');
  });

  it('does not keep a failure: the next call probes again', async () => {
    let calls = 0;
    const probe = cacheProbe(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
        return 'fine';
      },
      { maxAgeMs: 60_000, clock: () => 0 },
    );
    await expect(probe()).rejects.toThrow('boom');
    expect(await probe()).toBe('fine');
  });
});
