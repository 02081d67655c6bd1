// Invoice lines of subscriptions: period lines, one-off additions, and proration adjustments.
import type Stripe from 'stripe';
import type { Emulator } from '../../emulator.js';
import { newId } from '../../ids.js';
import { amountFor, planFromPrice } from '../prices.js';
import { aggregateUsage } from '../meters.js';
import { idOf } from '../lookup.js';
import type { NewLine } from '../invoice-lines.js';
import type { ItemInit } from '../subscriptions.js';
import { remainingShare } from './periods.js';

/** A subscription item on `price` for the period start…end. */
export function subscriptionItem(subscriptionId: string, init: ItemInit, start: number, end: number): Stripe.SubscriptionItem {
  return {
    id: newId('si'),
    object: 'subscription_item',
    billing_thresholds: null,
    created: start,
    current_period_end: end,
    current_period_start: start,
    current_trial: null,
    discounts: [],
    metadata: init.metadata ?? {},
    plan: planFromPrice(init.price),
    price: init.price,
    quantity: init.quantity,
    subscription: subscriptionId,
    tax_rates: [],
  };
}

function productName(emu: Emulator, price: Stripe.Price): string {
  const productId = typeof price.product === 'string' ? price.product : price.product.id;
  return emu.store.get('product', productId)?.name ?? productId;
}

/** The invoice line for an item's current period (zero during a trial; zero for metered items, billed in arrears by `usageLine`). */
export function periodLine(emu: Emulator, subscriptionId: string | null, item: Stripe.SubscriptionItem, trial: boolean): NewLine {
  const name = productName(emu, item.price);
  if (isMetered(item.price)) {
    return { amount: 0, description: `0 × ${name}`, price: item.price, quantity: 0, period: { start: item.current_period_start, end: item.current_period_end }, subscription: subscriptionId, subscriptionItem: item.id };
  }
  const quantity = item.quantity ?? 1;
  return {
    amount: trial ? 0 : (item.price.unit_amount ?? 0) * quantity,
    description: trial ? `Trial period for ${name}` : `${quantity} × ${name} (at ${money(item.price.unit_amount ?? 0, item.price.currency)} / ${item.price.recurring?.interval ?? 'month'})`,
    price: item.price,
    quantity,
    period: { start: item.current_period_start, end: item.current_period_end },
    subscription: subscriptionId,
    subscriptionItem: item.id,
  };
}

export function isMetered(price: Stripe.Price): boolean {
  return price.recurring?.usage_type === 'metered';
}

/** The usage of a metered item over start…end, as its meter aggregates it, priced per unit or by tiers. */
export function usageLine(emu: Emulator, subscription: Stripe.Subscription, item: Stripe.SubscriptionItem, start: number, end: number): NewLine {
  const meter = emu.store.get('billing.meter', item.price.recurring!.meter!);
  const customerId = idOf(subscription.customer)!;
  const quantity = meter ? aggregateUsage(emu, meter, customerId, start, end) : 0;
  // Stripe bills whole units of a fractional sum (rounded half up) and never a negative quantity.
  const units = Math.max(0, Math.round(quantity));
  return {
    amount: amountFor(emu, item.price, units),
    description: `${units} × ${productName(emu, item.price)}`,
    price: item.price,
    quantity: units,
    period: { start, end },
    subscription: subscription.id,
    subscriptionItem: item.id,
  };
}

/** An invoice line for a one-time price added to a subscription invoice. */
export function oneOffLine(emu: Emulator, item: ItemInit, now: number): NewLine {
  return {
    amount: (item.price.unit_amount ?? 0) * item.quantity,
    description: productName(emu, item.price),
    price: item.price,
    quantity: item.quantity,
    period: { start: now, end: now },
  };
}

function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100);
}

/** The credit (sign -1) or charge (+1) for the rest of an item's period from `at`. */
export function prorationLine(emu: Emulator, subscriptionId: string, item: Stripe.SubscriptionItem, price: Stripe.Price, quantity: number, at: number, sign: 1 | -1): NewLine {
  const share = remainingShare(at, item.current_period_start, item.current_period_end);
  const amount = sign * Math.round((price.unit_amount ?? 0) * quantity * share);
  const date = new Date(at * 1000).toISOString().slice(0, 10);
  const name = productName(emu, price);
  return {
    amount,
    description: sign < 0 ? `Unused time on ${quantity} × ${name} after ${date}` : `Remaining time on ${quantity} × ${name} after ${date}`,
    price,
    quantity,
    period: { start: at, end: item.current_period_end },
    proration: true,
    subscription: subscriptionId,
    subscriptionItem: item.id,
  };
}
