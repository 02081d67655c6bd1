// The modules that guard money and access, as mutation testing sees them: a short name for
// `npm run test:mutation -- --module <name>` and the source files Stryker mutates.
export interface MutationModule {
  name: string;
  mutate: string[];
}

const withoutTests = (glob: string) => [glob, `!${glob.replace(/\*\.ts$/, '*.test.ts')}`];

export const mutationModules: MutationModule[] = [
  { name: 'sync', mutate: withoutTests('lib/billing/sync/**/*.ts') },
  { name: 'history', mutate: ['lib/billing/history.ts'] },
  { name: 'entitlements', mutate: ['lib/billing/entitlements.ts'] },
  { name: 'reconcile', mutate: ['lib/billing/reconcile.ts'] },
  { name: 'refunds', mutate: ['lib/billing/admin/refunds.ts'] },
  { name: 'webhook', mutate: ['app/api/stripe/webhook/route.ts'] },
  { name: 'money', mutate: ['lib/money.ts'] },
  { name: 'auth', mutate: withoutTests('lib/auth/**/*.ts') },
];

export const mutationReportDir = 'reports/mutation';
