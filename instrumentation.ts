// Server start-up hook (Next.js instrumentation): starts the webhook inbox sweep at boot, so events
// left pending by a crash or waiting for a retry are worked even before the next webhook arrives.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startSweeper } = await import('./lib/billing/sync/scheduler');
  startSweeper();
}
