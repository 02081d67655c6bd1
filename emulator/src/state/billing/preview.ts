// POST /v1/invoices/create_preview for subscriptions: the next invoice, a proposed change's, or a new subscription's first.
import type Stripe from 'stripe';
import type { Emulator } from '../../emulator.js';
import type { Params } from '../../protocol/params.js';
import { parameterMissing } from '../../protocol/errors.js';
import { newId } from '../../ids.js';
import { idOf, mustGet, nowForCustomer } from '../lookup.js';
import { buildInvoice } from '../invoices.js';
import { invoiceLine, recomputeTotals, type NewLine } from '../invoice-lines.js';
import { pendingInvoiceItems } from '../invoice-items.js';
import { itemFromParams, PRORATION_BEHAVIORS } from '../subscriptions.js';
import { isMetered, periodLine, prorationLine, subscriptionItem, usageLine } from './lines.js';
import { addInterval } from './periods.js';

/** POST /v1/invoices/create_preview: the next invoice of a subscription, or of a proposed change or new one. */
export function previewSubscriptionInvoice(emu: Emulator, params: Params): Stripe.Invoice {
  params.only('customer', 'subscription', 'subscription_details', 'invoice_items', 'currency', 'automatic_tax', 'preview_mode', 'customer_details', 'discounts', 'issuer', 'on_behalf_of', 'schedule', 'schedule_details', 'customer_account');
  const subscriptionId = params.str('subscription');
  const subscription = subscriptionId ? mustGet(emu, 'subscription', subscriptionId, 'subscription') : undefined;
  const customerId = params.str('customer') ?? idOf(subscription?.customer);
  if (!customerId) throw parameterMissing('customer');
  const customer = mustGet(emu, 'customer', customerId, 'customer');
  const details = params.obj('subscription_details')?.only('items', 'proration_behavior', 'proration_date', 'cancel_at_period_end', 'trial_end', 'billing_cycle_anchor', 'cancel_at', 'cancel_now', 'default_tax_rates', 'resume_at', 'start_date', 'billing_mode');
  const now = nowForCustomer(emu, customer.id);
  const preview = buildInvoice(emu, { customer, subscription, billingReason: subscription ? 'upcoming' : 'subscription_create', collectionMethod: subscription?.collection_method }, `upcoming_in_${newId('x').slice(2)}`);
  const lines: NewLine[] = [];
  if (!subscription) {
    const items = (details?.objList('items') ?? []).map((p) => itemFromParams(emu, p, true));
    if (items.length === 0) throw parameterMissing('subscription_details[items]');
    for (const init of items) lines.push(periodLine(emu, null, subscriptionItem('', init, now, addInterval(now, init.price.recurring!)), false));
  } else {
    const changes = (details?.objList('items') ?? []).map((p) => ({ id: p.str('id'), price: p.has('price') ? itemFromParams(emu, p, true).price : undefined, quantity: p.int('quantity'), deleted: p.bool('deleted') }));
    const behavior = details?.oneOf('proration_behavior', PRORATION_BEHAVIORS) ?? 'create_prorations';
    const at = details?.int('proration_date') ?? now;
    const future = structuredClone(subscription);
    for (const change of changes) {
      const item = change.id ? future.items.data.find((i) => i.id === change.id) : undefined;
      if (item && behavior !== 'none') lines.push(prorationLine(emu, future.id, item, item.price, item.quantity ?? 1, at, -1));
      if (item && change.deleted) future.items.data = future.items.data.filter((i) => i !== item);
      else if (item) {
        item.price = change.price ?? item.price;
        item.quantity = change.quantity ?? item.quantity;
        if (behavior !== 'none') lines.push(prorationLine(emu, future.id, item, item.price, item.quantity ?? 1, at, 1));
      } else if (change.price) {
        const first = future.items.data[0]!;
        const added = subscriptionItem(future.id, { price: change.price, quantity: change.quantity ?? 1 }, first.current_period_start, first.current_period_end);
        future.items.data.push(added);
        if (behavior !== 'none') lines.push(prorationLine(emu, future.id, added, change.price, added.quantity ?? 1, at, 1));
      }
    }
    for (const item of pendingInvoiceItems(emu, customer.id, subscription.id)) {
      lines.push({ amount: item.amount, description: item.description, price: mustGet(emu, 'price', idOf(item.pricing?.price_details?.price)!), quantity: item.quantity, period: item.period, proration: item.proration, subscription: subscription.id });
    }
    if (behavior !== 'always_invoice' || changes.length === 0) {
      for (const item of future.items.data) {
        // The next invoice bills metered items for the current period's usage so far.
        if (isMetered(item.price)) {
          lines.push(usageLine(emu, future, item, item.current_period_start, item.current_period_end));
          continue;
        }
        const start = item.current_period_end;
        lines.push(periodLine(emu, future.id, { ...item, current_period_start: start, current_period_end: addInterval(start, item.price.recurring!) }, false));
      }
    }
    preview.period_start = subscription.items.data[0]!.current_period_start;
    preview.period_end = subscription.items.data[0]!.current_period_end;
  }
  preview.lines.data = lines.map((line) => invoiceLine(preview.id, preview.currency, line));
  recomputeTotals(preview);
  return preview;
}
