import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'threads',
    // Each file starts its own emulator; sharing the module cache (stripe, src) saves most of the run's CPU.
    isolate: false,
    testTimeout: 15_000,
    hookTimeout: 15_000,
  },
});
