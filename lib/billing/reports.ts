// Reports: spending summaries over the customer's last 100 payments, shown on /features/reports,
// and generated reports — a summary saved at a moment — each one a metered use ("Reports generated"),
// recorded in the usage outbox in the same transaction as the saved report.
import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { getDb, type Database } from '@/lib/db/client';
import { generatedReports } from '@/lib/db/schema/usage';
import { billingHistory } from './history';
import { reportsUsage } from './catalog';
import { recordUsage } from './usage/record';

export interface Totals {
  paid: number;
  refunded: number;
  count: number;
}

export interface SpendingSummary {
  /** Per currency. */
  totals: Record<string, Totals>;
  /** Per month (YYYY-MM) and currency, newest first. */
  months: (Totals & { month: string; currency: string })[];
}

/** Succeeded payments summed per currency and per month, from the mirror (no Stripe call). */
export async function spendingSummary(customerId: string | null): Promise<SpendingSummary> {
  const { payments } = customerId ? await billingHistory({ customerId, limit: 100 }) : { payments: [] };
  const totals: Record<string, Totals> = {};
  const months = new Map<string, Totals & { month: string; currency: string }>();
  for (const payment of payments) {
    if (payment.status !== 'succeeded') continue;
    const month = payment.created.toISOString().slice(0, 7);
    add((totals[payment.currency] ??= { paid: 0, refunded: 0, count: 0 }), payment);
    const key = `${month} ${payment.currency}`;
    if (!months.has(key)) months.set(key, { paid: 0, refunded: 0, count: 0, currency: payment.currency, month });
    add(months.get(key)!, payment);
  }
  return { totals, months: [...months.values()] };
}

function add(total: Totals, payment: { amountReceived: number; amountRefunded: number }): void {
  total.paid += payment.amountReceived;
  total.refunded += payment.amountRefunded;
  total.count += 1;
}

/**
 * Saves a report of the customer's spending now and records one use of the reports meter with it,
 * atomically. `reportId` comes from the form's attempt: submitting the same form twice saves (and
 * bills) one report.
 */
export async function generateReport(input: { reportId: string; userId: string; customerId: string }, options: { db?: Database } = {}): Promise<boolean> {
  const db = options.db ?? (await getDb());
  const summary = await spendingSummary(input.customerId);
  return db.transaction(async (tx) => {
    const saved = await tx
      .insert(generatedReports)
      .values({ id: input.reportId, userId: input.userId, customerId: input.customerId, summary })
      .onConflictDoNothing({ target: generatedReports.id })
      .returning({ id: generatedReports.id });
    if (saved.length === 0) return false;
    await recordUsage(tx, { id: input.reportId, customerId: input.customerId, eventName: reportsUsage.eventName });
    return true;
  });
}

export interface GeneratedReport {
  id: string;
  created: Date;
  summary: SpendingSummary;
}

/** The customer's most recent generated reports. */
export async function recentReports(customerId: string, options: { db?: Database; limit?: number } = {}): Promise<GeneratedReport[]> {
  const db = options.db ?? (await getDb());
  const found = await db
    .select({ id: generatedReports.id, created: generatedReports.created, summary: generatedReports.summary })
    .from(generatedReports)
    .where(eq(generatedReports.customerId, customerId))
    .orderBy(desc(generatedReports.created))
    .limit(options.limit ?? 10);
  return found.map((r) => ({ ...r, summary: r.summary as SpendingSummary }));
}
