// Server start-up hook (Next.js instrumentation): checks the configuration, lets route handlers see
// each request's socket address (lib/security/socket-address.ts), and starts the webhook inbox sweep
// at boot, so events left pending by a crash or waiting for a retry are worked even before the next
// webhook arrives; then replays the events Stripe sent while the app was down (catch-up reconcile).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { env } = await import('./lib/env');
  env(); // a misconfigured server (say, production without APP_URL) stops here, not on a page view
  const { stampSocketAddresses } = await import('./lib/security/socket-address');
  stampSocketAddresses();
  const { startSweeper } = await import('./lib/billing/sync/scheduler');
  startSweeper();
  // Events sent while the app was down: replayed from Stripe's /v1/events, in the background.
  const [{ catchUpAtBoot }, { logError }] = await Promise.all([import('./lib/billing/reconcile'), import('./lib/log-error')]);
  void catchUpAtBoot()
    .then((result) => result && console.log(`[stripe-sync] caught up at boot: ${result.eventsReplayed} missed events replayed`))
    .catch((error: unknown) => logError('stripe-sync', 'catch-up at boot', error));
}
