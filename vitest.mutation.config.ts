// Vitest for mutation runs (`npm run test:mutation`): the app's config without the suites that
// exercise everything at scale (fuzzed actions, chaos, history over thousands of rows). Stryker
// re-runs the covering tests once per mutant; those suites take tens of seconds each and assert
// "no crash" or timing, which the focused suites of each module already cover.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ['test/security/actions.test.ts', 'test/chaos/**', 'test/billing/history-scale.test.ts'],
    },
  }),
);
