import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['lib/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts', 'app/**/*.test.ts'],
    exclude: ['node_modules', 'emulator', 'e2e', '.next'],
    globalSetup: ['test/support/global-setup.ts'],
    // Generous: the suites share two cores with `next build` in `npm test`; a hang still fails.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
