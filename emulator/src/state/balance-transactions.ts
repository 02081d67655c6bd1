// Balance transactions: the ledger entry each charge, refund and dispute movement makes. The
// emulator charges no fees (fee 0, net = amount); funds become available two days after a charge,
// at once for the `pm_card_bypassPending` card, refunds and dispute movements.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { newId } from '../ids.js';

const AVAILABLE_AFTER = 2 * 86_400;

export interface LedgerEntry {
  amount: number;
  currency: string;
  type: 'charge' | 'refund' | 'adjustment';
  reportingCategory: 'charge' | 'refund' | 'dispute' | 'dispute_reversal';
  source: string;
  description: string | null;
  created: number;
  /** Funds skip the pending balance. */
  availableNow?: boolean;
}

export function recordBalanceTransaction(emu: Emulator, entry: LedgerEntry): Stripe.BalanceTransaction {
  const availableOn = entry.availableNow || entry.type !== 'charge' ? entry.created : entry.created + AVAILABLE_AFTER;
  const txn = emu.store.insert({
    id: newId('txn'),
    object: 'balance_transaction',
    amount: entry.amount,
    available_on: availableOn,
    balance_type: 'payments',
    created: entry.created,
    currency: entry.currency,
    description: entry.description,
    exchange_rate: null,
    fee: 0,
    fee_details: [],
    net: entry.amount,
    reporting_category: entry.reportingCategory,
    source: entry.source,
    status: availableOn <= emu.clock.now() ? 'available' : 'pending',
    type: entry.type,
  });
  // Funds that land straight in the available balance: Stripe reports the new balance.
  if (txn.status === 'available' && txn.amount > 0) emu.events.emit('balance.available', balanceOf(emu));
  return txn;
}

/** The account balance: available and pending funds per currency, from the ledger (card payments only). */
export function balanceOf(emu: Emulator): Stripe.Balance {
  const now = emu.clock.now();
  const totals = new Map<string, { available: number; pending: number }>();
  for (const txn of emu.store.list('balance_transaction')) {
    const entry = totals.get(txn.currency) ?? { available: 0, pending: 0 };
    if (txn.available_on <= now) entry.available += txn.net;
    else entry.pending += txn.net;
    totals.set(txn.currency, entry);
  }
  if (!totals.size) totals.set('usd', { available: 0, pending: 0 });
  const list = (key: 'available' | 'pending') => [...totals].map(([currency, t]) => ({ amount: t[key], currency, source_types: { card: t[key] } }));
  return { object: 'balance', available: list('available'), livemode: false, pending: list('pending') };
}

/** `status` as of now: pending until `available_on`. */
export function currentBalanceTransaction(emu: Emulator, txn: Stripe.BalanceTransaction): Stripe.BalanceTransaction {
  txn.status = txn.available_on <= emu.clock.now() ? 'available' : 'pending';
  return txn;
}
