// Server start-up hook (Next.js instrumentation): checks the configuration, lets route handlers see
// each request's socket address (lib/security/socket-address.ts), and starts the webhook inbox sweep
// at boot, so events left pending by a crash or waiting for a retry are worked even before the next
// webhook arrives.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { env } = await import('./lib/env');
  env(); // a misconfigured server (say, production without APP_URL) stops here, not on a page view
  const { stampSocketAddresses } = await import('./lib/security/socket-address');
  stampSocketAddresses();
  const { startSweeper } = await import('./lib/billing/sync/scheduler');
  startSweeper();
}
