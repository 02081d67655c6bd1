// One app instance's webhook processor, for the multi-instance benchmark (instances.ts): it reports
// "ready", waits for a line on stdin, works the shared inbox until nothing is pending, and prints
// what it processed as one JSON line.
import readline from 'node:readline';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { column, getDb, rows } from '@/lib/db/client';
import { processPendingEvents, type ProcessResult } from '@/lib/billing/sync/processor';
import { stopSweeper } from '@/lib/billing/sync/scheduler';

stopSweeper();
const db = await getDb();
await rows(db, sql`select 1 as ready`, z.object({ ready: column.integer })); // connected before the start
console.log('ready');
await new Promise((resolve) => readline.createInterface({ input: process.stdin }).once('line', resolve));

const totals: ProcessResult = { processed: 0, ignored: 0, retrying: 0, failed: 0 };
const pending = z.object({ pending: column.integer });
for (;;) {
  const result = await processPendingEvents();
  for (const key of Object.keys(totals) as (keyof ProcessResult)[]) totals[key] += result[key];
  if (result.processed + result.ignored + result.retrying + result.failed > 0) continue;
  // Nothing claimable: done when nothing is pending (another instance may still hold claims).
  const [{ pending: left }] = (await rows(db, sql`select count(*) as pending from stripe_events where status = 'pending'`, pending)) as [{ pending: number }];
  if (left === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 20));
}
console.log(JSON.stringify(totals));
process.exit(0);
