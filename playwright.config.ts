// End-to-end tests in the system Chromium against the production build (scripts/e2e-server.ts).
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
if (process.env.E2E_STRIPE === 'live-test') {
  // A Stripe sandbox instead of the emulator (README: "The e2e suite against a Stripe sandbox");
  // scripts/e2e-server.ts checks the keys and the webhook secret before anything starts.
  delete process.env.E2E_STRIPE_API_BASE;
} else {
  // The e2e stack's Stripe emulator (scripts/e2e-server.ts); specs use it to check API state.
  process.env.E2E_EMULATOR_PORT ??= '12112';
  process.env.E2E_STRIPE_API_BASE ??= `http://127.0.0.1:${process.env.E2E_EMULATOR_PORT}`;
}
const baseURL = `http://localhost:${port}`; // localhost, not 127.0.0.1: auth redirects use it

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Generous: each sign-in runs a deliberately slow password hash (scrypt, ~0.4 s on an idle core),
  // and the first one also opens the embedded database, on a two-core machine often busy with builds.
  timeout: 60_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]],
  use: {
    baseURL,
    // Specs take the screenshots worth looking at themselves; CI (two cores) skips the extra one per test.
    screenshot: process.env.CI ? 'only-on-failure' : 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'] } },
    { name: 'mobile', use: { ...devices['Pixel 7'] }, testMatch: /layout\.spec\.ts/ },
  ],
  webServer: {
    // Plain node with tsx's loader, not the tsx CLI: the CLI relays a group-wide SIGTERM to the
    // script a second time and then SIGKILLs it, cutting its cleanup (stop next, remove the temp DB).
    command: 'node --import tsx scripts/e2e-server.ts',
    url: baseURL,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
