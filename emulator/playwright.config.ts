// End-to-end specs for the emulator's browser surfaces, in the system Chromium.
import { defineConfig } from '@playwright/test';
import { TEST_PAGE_URL } from './e2e/ports.js';

export default defineConfig({
  testDir: './e2e',
  outputDir: './e2e/.results',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never', outputFolder: './e2e/.report' }]],
  use: {
    baseURL: TEST_PAGE_URL,
    // Specs take the screenshots worth looking at themselves; CI (two cores) skips the extra one per test.
    screenshot: process.env.CI ? 'only-on-failure' : 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: 'npx tsx e2e/serve.ts',
    url: `${TEST_PAGE_URL}/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
  },
});
