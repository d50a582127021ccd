import { performance } from 'node:perf_hooks';
import type { Store } from '../src/app/ports/store.ts';

// Where the outbox's own time goes, without guessing from a profile: the store calls of one
// delivery are recorded, then made again one after the other on an identical copy of the
// database and timed one by one. Timed in the delivery itself they would overlap with the other
// lanes' work and with each other (every await lets another lane run), and count it twice.

export interface StoreCall {
  method: string;
  args: unknown[];
}

export interface StoreCallCost {
  method: string;
  calls: number;
  /** Wall time of the calls made one after the other, nothing else running. */
  ms: number;
}

/** The store, recording each call's method and arguments (plain data: instants, ids, settlements). */
export function recordStoreCalls(store: Store): { store: Store; calls: StoreCall[] } {
  const calls: StoreCall[] = [];
  const recording = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        calls.push({ method: property, args: structuredClone(args) });
        return (value as (...callArgs: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: recording, calls };
}

/** Makes the recorded calls again, in order, each awaited before the next, and sums their times per method. */
export async function replayStoreCalls(store: Store, calls: readonly StoreCall[]): Promise<StoreCallCost[]> {
  const costs = new Map<string, StoreCallCost>();
  for (const call of calls) {
    const method = (store as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[call.method];
    if (method === undefined) throw new Error(`the store has no method ${call.method}`);
    const started = performance.now();
    await method.apply(store, call.args);
    const ms = performance.now() - started;
    const cost = costs.get(call.method) ?? { method: call.method, calls: 0, ms: 0 };
    cost.calls += 1;
    cost.ms += ms;
    costs.set(call.method, cost);
  }
  return [...costs.values()].sort((a, b) => b.ms - a.ms);
}
