// The mirror writer's guards, on fabricated snapshots: an older read never overwrites a newer one,
// a terminal status never changes back (on every table that has one), and rewriting identical data
// changes nothing.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import * as t from '@/lib/db/schema';
import { stripePaymentIntents } from '@/lib/db/schema';
import { emptySnapshots, writeSnapshots, type MirrorKind, type MirrorObjects } from '@/lib/billing/sync/write';
import { databaseKinds, useDatabase } from '../support/databases';

const intent = (status: string, description: string) =>
  ({ id: 'pi_guarded', object: 'payment_intent', status, amount: 1000, amount_received: status === 'succeeded' ? 1000 : 0, currency: 'usd', customer: null, description, latest_charge: null, last_payment_error: null, created: 1_700_000_000 }) as unknown as Stripe.PaymentIntent;

describe.each(databaseKinds)('mirror writer guards on %s', (kind) => {
  const handle = useDatabase(kind);

  const write = (value: Stripe.PaymentIntent, at: number) => {
    const snapshots = emptySnapshots();
    snapshots.paymentIntent.set(value.id, { value, at: new Date(at), low: 0, high: 0, fetched: true });
    return handle.db.transaction((tx) => writeSnapshots(tx, snapshots));
  };
  const mirrored = async () => (await handle.db.select().from(stripePaymentIntents).where(eq(stripePaymentIntents.id, 'pi_guarded')))[0];

  it('applies fresher reads, skips older ones and identical ones', async () => {
    expect(await write(intent('requires_payment_method', 'v1'), 1_000)).toEqual({ stripe_payment_intents: 1 });
    expect(await write(intent('processing', 'v2'), 3_000)).toEqual({ stripe_payment_intents: 1 });
    expect(await write(intent('requires_payment_method', 'v1'), 2_000)).toEqual({}); // read before v2: ignored
    expect(await write(intent('processing', 'v2'), 4_000)).toEqual({}); // same data: nothing rewritten
    expect(await mirrored()).toMatchObject({ status: 'processing', description: 'v2', syncedAt: new Date(3_000) });
  });

  it('never moves a terminal status back, but still takes other fresher changes', async () => {
    await write(intent('succeeded', 'paid'), 5_000);
    expect(await write(intent('requires_action', 'paid'), 6_000)).toEqual({});
    expect((await mirrored()).status).toBe('succeeded');
    expect(await write(intent('succeeded', 'paid, described later'), 7_000)).toEqual({ stripe_payment_intents: 1 });
    expect(await mirrored()).toMatchObject({ status: 'succeeded', description: 'paid, described later' });
  });
});

const created = 1_700_000_000;
/** Per table with terminal statuses: a minimal object in a given status, a terminal status and a status before it. */
const guarded: { kind: MirrorKind; table: typeof t.stripeInvoices | typeof t.stripeSubscriptions | typeof t.stripeInvoicePayments | typeof t.stripePaymentIntents | typeof t.stripeCharges | typeof t.stripeDisputes | typeof t.stripeCheckoutSessions; terminal: string[]; earlier: string; make: (status: string, note: string) => unknown }[] = [
  {
    kind: 'subscription', table: t.stripeSubscriptions, terminal: ['canceled', 'incomplete_expired'], earlier: 'active',
    make: (status, note) => ({ subscription: { id: 'sub_guarded', object: 'subscription', customer: 'cus_guarded', status, cancel_at_period_end: false, cancel_at: null, canceled_at: null, ended_at: null, trial_end: null, latest_invoice: null, created, items: { object: 'list', data: [], has_more: false }, metadata: { note } }, items: [] }),
  },
  {
    kind: 'invoice', table: t.stripeInvoices, terminal: ['paid', 'void'], earlier: 'open',
    make: (status, note) => ({ invoice: { id: 'in_guarded', object: 'invoice', customer: 'cus_guarded', parent: null, number: 'G-0001', status, billing_reason: 'manual', currency: 'usd', total: 1000, amount_due: 1000, amount_paid: status === 'paid' ? 1000 : 0, amount_remaining: status === 'paid' ? 0 : 1000, period_start: created, period_end: created, created, metadata: { note } }, lines: [] }),
  },
  {
    kind: 'invoicePayment', table: t.stripeInvoicePayments, terminal: ['paid', 'canceled'], earlier: 'open',
    make: (status, note) => ({ id: 'inpay_guarded', object: 'invoice_payment', invoice: 'in_guarded', payment: { type: 'payment_intent', payment_intent: 'pi_guarded' }, status, amount_paid: status === 'paid' ? 1000 : null, amount_requested: 1000, currency: 'usd', is_default: true, status_transitions: { paid_at: null, canceled_at: null }, created, livemode: false, note }),
  },
  {
    kind: 'paymentIntent', table: t.stripePaymentIntents, terminal: ['succeeded', 'canceled'], earlier: 'requires_action',
    make: (status, note) => ({ ...intent(status, note), id: 'pi_guarded_2' }),
  },
  {
    kind: 'charge', table: t.stripeCharges, terminal: ['succeeded', 'failed'], earlier: 'pending',
    make: (status, note) => ({ id: 'ch_guarded', object: 'charge', payment_intent: 'pi_guarded', customer: null, status, amount: 1000, amount_captured: 1000, amount_refunded: 0, currency: 'usd', disputed: false, payment_method_details: null, receipt_url: null, failure_message: null, created, description: note }),
  },
  {
    kind: 'dispute', table: t.stripeDisputes, terminal: ['won', 'lost'], earlier: 'under_review',
    make: (status, note) => ({ id: 'dp_guarded', object: 'dispute', charge: 'ch_guarded', payment_intent: 'pi_guarded', status, amount: 1000, currency: 'usd', reason: 'fraudulent', created, metadata: { note } }),
  },
  {
    kind: 'checkoutSession', table: t.stripeCheckoutSessions, terminal: ['complete', 'expired'], earlier: 'open',
    make: (status, note) => ({ session: { id: 'cs_guarded', object: 'checkout.session', customer: null, client_reference_id: null, mode: 'payment', status, payment_status: status === 'complete' ? 'paid' : 'unpaid', payment_intent: null, subscription: null, invoice: null, amount_total: 1000, currency: 'usd', expires_at: created + 86_400, created, metadata: { note } }, lineItems: [] }),
  },
];

describe.each(databaseKinds)('terminal statuses on every guarded table on %s', (kind) => {
  const handle = useDatabase(kind);

  const cases = guarded.flatMap((table) => table.terminal.map((status) => ({ ...table, status })));
  it.each(cases)('$kind: $status never goes back to $earlier, yet takes fresher details', async ({ kind: mirrorKind, table, status, earlier, terminal, make }) => {
    const id = (value: unknown) => {
      const v = value as { id?: string; subscription?: { id: string }; invoice?: { id: string }; session?: { id: string } };
      return v.id ?? v.subscription?.id ?? v.invoice?.id ?? v.session!.id;
    };
    const write = (value: unknown, at: number) => {
      const snapshots = emptySnapshots();
      (snapshots[mirrorKind] as Map<string, { value: MirrorObjects[MirrorKind]; at: Date; low: number; high: number; fetched: boolean }>).set(id(value), { value: value as MirrorObjects[MirrorKind], at: new Date(at), low: 0, high: 0, fetched: true });
      return handle.db.transaction((tx) => writeSnapshots(tx, snapshots));
    };
    const rowId = id(make(status, ''));
    const statusNow = async () => (await handle.db.select({ status: table.status }).from(table).where(eq(table.id, rowId)))[0]?.status;
    await handle.db.delete(table).where(eq(table.id, rowId));

    await write(make(earlier, 'first'), 1_000);
    await write(make(status, 'final'), 2_000);
    expect(await statusNow()).toBe(status);
    // A fresher read with an earlier status (a stale API read, or an event replayed late) is refused…
    expect(await write(make(earlier, 'final'), 3_000)).toEqual({});
    // …and so is another terminal status.
    const otherTerminal = terminal.find((s) => s !== status)!;
    expect(await write(make(otherTerminal, 'final'), 3_500)).toEqual({});
    expect(await statusNow()).toBe(status);
    // Details that change without moving the status still land.
    expect(Object.values(await write(make(status, 'described later'), 4_000))).toEqual([1]);
    expect(await statusNow()).toBe(status);
  });
});
