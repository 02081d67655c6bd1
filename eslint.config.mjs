import next from 'eslint-config-next';

export default [
  ...next,
  { ignores: ['.next/**', 'node_modules/**', '.data/**', 'emulator/**', 'drizzle/**', 'test-results/**', 'playwright-report/**'] },
  // Vitest and Playwright code has no React hooks; `useDatabase`-style helpers there are test fixtures.
  { files: ['test/**', 'e2e/**', '**/*.test.ts'], rules: { 'react-hooks/rules-of-hooks': 'off', 'react-hooks/immutability': 'off' } },
];
