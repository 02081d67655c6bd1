// `npm run stripe:sync [-- --full]`: reconcile the local mirror with Stripe (or the emulator).
// Default: replay /v1/events since the saved cursor (a full backfill on the first run).
// --full: list and re-sync every mirrored resource. Safe to run while the app receives webhooks —
// but with the embedded PGlite database only one process may open it: stop the app first, or use
// the admin "reconcile now" button, which runs the same code inside the app.
import cliProgress from 'cli-progress';
import { closeDatabase } from '@/lib/db/client';
import { reconcile } from '@/lib/billing/reconcile';

async function main() {
  const mode = process.argv.includes('--full') ? 'full' : 'incremental';
  const bars = new cliProgress.MultiBar(
    { format: ' {step} |{bar}| {value} objects', hideCursor: true, clearOnComplete: false, stopOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  const rows = new Map<string, cliProgress.SingleBar>();
  const interactive = Boolean(process.stdout.isTTY);
  let lastStep: string | null = null;
  console.log(`Reconciling the Stripe mirror (${mode})…`);
  try {
    const result = await reconcile({
      mode,
      onProgress: ({ step, done }) => {
        if (!interactive) {
          // Logs (CI, pipes): one line per step instead of a redrawn bar.
          if (step !== lastStep) console.log(`  ${step}…`);
          lastStep = step;
          return;
        }
        let bar = rows.get(step);
        if (!bar) {
          bar = bars.create(Math.max(done, 1), 0, { step: step.padEnd(17) });
          rows.set(step, bar);
        }
        // Stripe lists do not say how many objects are left: the bar grows with what was listed.
        bar.setTotal(Math.max(done, 1));
        bar.update(done, { step: step.padEnd(17) });
      },
    });
    bars.stop();
    const changed = Object.entries(result.changed);
    console.log(`\nDone in ${(result.durationMs / 1000).toFixed(1)} s.`);
    console.log(`Listed: ${Object.entries(result.listed).map(([step, n]) => `${n} ${step}`).join(', ') || 'nothing'}`);
    if (result.mode === 'incremental') console.log(`Events replayed that had not arrived by webhook: ${result.eventsReplayed}`);
    console.log(changed.length ? `Changed rows: ${changed.map(([table, n]) => `${table} ${n}`).join(', ')}` : 'The mirror was already up to date.');
    if (result.events) {
      const { processed, ignored, retrying, failed } = result.events;
      console.log(`Inbox: ${processed} processed, ${ignored} ignored, ${retrying} to retry, ${failed} failed.`);
    }
  } finally {
    bars.stop();
    await closeDatabase();
  }
}

main().catch((error) => {
  console.error('stripe:sync failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
