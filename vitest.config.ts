import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // 2-core machines: two workers at most; engine state is per process, so files run in forks.
    pool: 'forks',
    maxWorkers: 2,
  },
});
