import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The browser journeys poll what a screen shows; on a loaded 2-core CI machine a debounced
    // fetch and a render can take longer than vitest's default second.
    expect: { poll: { timeout: 10_000 } },
  },
});
