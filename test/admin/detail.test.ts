// The payment detail, the streamed CSV export, the disputes list and webhook health, read from a
// seeded mirror on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/lib/db/client';
import * as t from '@/lib/db/schema';
import { paymentDetail } from '@/lib/billing/admin/payments';
import { csvHeader, paymentsCsvStream } from '@/lib/billing/admin/payments-csv';
import { listDisputes } from '@/lib/billing/admin/disputes';
import { webhookHealth } from '@/lib/billing/admin/webhook-health';
import { databaseKinds, freshDatabase } from '../support/databases';
import { day, seedLedger } from './seed';

const event = (id: string, type: string, objectId: string, status: 'pending' | 'processed' | 'failed' | 'ignored', extra: Partial<typeof t.stripeEvents.$inferInsert> = {}) => ({
  id, type, objectId, status, created: day(4), livemode: false, payload: { id, type, data: { object: { id: objectId } } }, ...extra,
});

describe.each(databaseKinds)('admin detail views on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await freshDatabase(kind);
    await seedLedger(handle.db);
    await handle.db.insert(t.stripeCustomers).values({ id: 'cus_quote', email: '=HYPERLINK("x"), "quoted"', name: 'Line\nbreak', raw: {}, syncedAt: new Date() });
    await handle.db.insert(t.stripePaymentIntents).values({
      id: 'pi_quote', customerId: 'cus_quote', status: 'succeeded', amount: 123456, amountReceived: 123456, currency: 'usd',
      latestChargeId: 'ch_quote', created: day(6), raw: {}, syncedAt: new Date(),
    });
    await handle.db.insert(t.stripeDisputes).values([
      { id: 'dp_open', chargeId: 'ch_eve1', paymentIntentId: 'pi_eve1', status: 'needs_response', amount: 29700, currency: 'usd', reason: 'fraudulent', created: day(6),
        raw: { evidence_details: { due_by: Date.UTC(2026, 0, 13) / 1000, has_evidence: false, submission_count: 0 }, evidence: { uncategorized_text: null } }, syncedAt: new Date() },
      { id: 'dp_won', chargeId: 'ch_ada1', paymentIntentId: 'pi_ada1', status: 'won', amount: 2900, currency: 'usd', reason: 'duplicate', created: day(3),
        raw: { evidence_details: { due_by: Date.UTC(2026, 0, 10) / 1000, has_evidence: true, submission_count: 1 }, evidence: { uncategorized_text: 'Signed receipt.' } }, syncedAt: new Date() },
    ]);
    await handle.db.insert(t.stripeEvents).values([
      event('evt_1', 'payment_intent.succeeded', 'pi_eve1', 'processed', { receivedAt: day(4, 12) }),
      event('evt_2', 'invoice.paid', 'in_eve1', 'processed', { receivedAt: day(4, 13) }),
      event('evt_3', 'invoice_payment.paid', 'inpay_eve1', 'processed', { receivedAt: day(4, 14) }),
      event('evt_4', 'charge.refunded', 'ch_eve1', 'failed', { receivedAt: day(5), attempts: 8, lastError: 'boom' }),
      event('evt_5', 'customer.updated', 'cus_bob', 'pending', { receivedAt: day(6), attempts: 2, lastError: 'timeout' }),
      event('evt_6', 'customer.updated', 'cus_ada', 'pending', { receivedAt: day(7) }),
      event('evt_7', 'account.updated', 'acct_1', 'ignored', { receivedAt: day(3) }),
    ]);
  });
  afterAll(() => handle?.close());

  it('shows one payment with its invoice payments, refunds, disputes and its own events only', async () => {
    const detail = await paymentDetail('pi_eve1', { db: handle.db });
    expect(detail).not.toBeNull();
    expect(detail!.payment).toMatchObject({ id: 'pi_eve1', amountReceived: 29700, amountRefunded: 700 });
    expect(detail!.payment.invoices.map((i) => [i.number, i.amountPaid, i.lines.map((l) => [l.name, l.quantity])])).toEqual([['EVE-0001', 29700, [['Team', 3]]]]);
    expect(detail!.invoicePayments).toEqual([expect.objectContaining({ id: 'inpay_eve1', invoiceNumber: 'EVE-0001', amountPaid: 29700, status: 'paid' })]);
    expect(detail!.disputes).toEqual([expect.objectContaining({ id: 'dp_open', evidenceDueBy: new Date(Date.UTC(2026, 0, 13)) })]);
    expect(detail!.timeline.map((e) => e.id)).toEqual(['evt_1', 'evt_2', 'evt_3', 'evt_4']);
    expect(detail!.refundable).toBe(29000);
    expect(await paymentDetail('pi_abandoned', { db: handle.db })).toBeNull(); // never attempted
    expect(await paymentDetail('pi_missing', { db: handle.db })).toBeNull();
  });

  it('streams the CSV of a filter across pages, escaped, with minor and formatted amounts', async () => {
    const bytes = new Uint8Array(await new Response(paymentsCsvStream({}, { db: handle.db, pageSize: 3 })).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark for spreadsheet apps
    const text = new TextDecoder().decode(bytes); // drops the BOM
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(csvHeader.join(','));
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(1, -1).length).toBe(9); // every attempted payment, each once, across 3 pages of 3
    const quote = lines.find((l) => l.includes('pi_quote'))!;
    // Formula-looking text is defused with a leading quote mark; quotes doubled; the newline kept inside quotes.
    expect(text).toContain(`pi_quote,"'=HYPERLINK(""x""), ""quoted""","Line\nbreak",Succeeded,USD,123456,1234.56,"$1,234.56"`);
    expect(quote).toBeDefined();
    const eve = lines.find((l) => l.includes('pi_eve1,'))!;
    expect(eve).toContain(',EVE-0001,29700,Team × 3,700,7.00,$7.00,yes'); // its dispute is open
    expect(lines.find((l) => l.includes('pi_ada1,'))).toMatch(/,no$/); // a won dispute is not a dispute any more
  });

  it('lists disputes open first with their deadline, then closed ones', async () => {
    const disputes = await listDisputes({ db: handle.db });
    expect(disputes.map((d) => [d.id, d.status, d.customerEmail])).toEqual([
      ['dp_open', 'needs_response', 'eve@example.org'],
      ['dp_won', 'won', 'ada@example.com'],
    ]);
    expect(disputes[1]).toMatchObject({ hasEvidence: true, submissionCount: 1, evidenceText: 'Signed receipt.' });
  });

  it('counts the inbox per state and lists failing events, failed first', async () => {
    const health = await webhookHealth({ db: handle.db });
    expect(health.counts).toEqual({ pending: 2, retrying: 1, failed: 1, processed: 3, ignored: 1 });
    expect(health.lastReceived?.id).toBe('evt_6');
    expect(health.failing.map((e) => [e.id, e.status, e.lastError])).toEqual([
      ['evt_4', 'failed', 'boom'],
      ['evt_5', 'pending', 'timeout'],
    ]);
  });
});
