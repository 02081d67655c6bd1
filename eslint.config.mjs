import next from 'eslint-config-next';

export default [
  ...next,
  { ignores: ['.next/**', 'node_modules/**', '.data/**', 'emulator/**', 'drizzle/**', 'test-results/**', 'playwright-report/**'] },
];
