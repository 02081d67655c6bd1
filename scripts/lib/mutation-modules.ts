// The modules that guard money and access, as mutation testing sees them: a short name for
// `npm run test:mutation -- --module <name>`, the source files Stryker mutates and, for modules
// whose own suites are fast, the only test files that judge them.
export interface MutationModule {
  name: string;
  mutate: string[];
  /**
   * Without it, every test that imports the module (Vitest's `related`) judges each mutant, which
   * costs an emulator and a database setup per suite and per mutant. With it, only these suites
   * run: a mutant that some other suite would have killed counts as survived, so the score is a
   * lower bound.
   */
  testFiles?: string[];
}

const withoutTests = (glob: string) => [glob, `!${glob.replace(/\*\.ts$/, '*.test.ts')}`];

export const mutationModules: MutationModule[] = [
  { name: 'sync', mutate: withoutTests('lib/billing/sync/**/*.ts') },
  { name: 'history', mutate: ['lib/billing/history.ts'], testFiles: ['test/billing/history.test.ts', 'test/admin/admin-queries.test.ts'] },
  {
    name: 'entitlements',
    mutate: ['lib/billing/entitlements.ts'],
    testFiles: ['lib/billing/entitlements.test.ts', 'lib/billing/plan-metadata.test.ts', 'test/billing/entitlements.test.ts'],
  },
  { name: 'reconcile', mutate: ['lib/billing/reconcile.ts'], testFiles: ['test/billing/reconcile.test.ts'] },
  {
    name: 'refunds',
    mutate: ['lib/billing/admin/refunds.ts'],
    testFiles: ['test/admin/refunds.test.ts', 'lib/billing/admin/refund-rules.test.ts'],
  },
  {
    name: 'webhook',
    mutate: ['app/api/stripe/webhook/route.ts'],
    testFiles: ['test/billing/webhook-route.test.ts', 'test/security/webhook.test.ts'],
  },
  { name: 'money', mutate: ['lib/money.ts'], testFiles: ['test/admin/money.test.ts', 'lib/money.test.ts'] },
  {
    name: 'auth',
    // The next-auth wiring (index.ts), the GitHub provider and the type declarations (config.ts) run
    // only inside Next; the browser specs judge them.
    mutate: [...withoutTests('lib/auth/**/*.ts'), '!lib/auth/index.ts', '!lib/auth/github.ts', '!lib/auth/config.ts'],
    testFiles: ['lib/auth/*.test.ts', 'test/auth/sign-up.test.ts'],
  },
];

export const mutationReportDir = 'reports/mutation';
