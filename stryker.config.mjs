// StrykerJS for the modules that guard money and access. Run it through `npm run test:mutation`
// (scripts/mutation.ts), which picks the files to mutate per module and writes the reports.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  // Two cores shared with the rest of the team.
  concurrency: 2,
  // Static mutants (module-level constants) force a reload and a run of every test; they would
  // dominate the run time for little signal.
  ignoreStatic: true,
  // Integration tests talk to the emulator and a database; a busy machine needs slack before a
  // slow mutant is called an infinite loop. Each mutant re-runs its suites' setup (an emulator, a
  // migrated database), which alone can pass 20 s on two loaded cores; every timeout also restarts
  // a test runner, which costs more than the wait, so the slack is generous.
  timeoutMS: 90_000,
  dryRunTimeoutMinutes: 20,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['.next', 'test-results', 'playwright-report', 'reports', 'docs', 'e2e', '.data', 'emulator/e2e', 'emulator/test-page/dist'],
  reporters: ['progress', 'clear-text', 'json', 'html'],
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
};

export default config;
