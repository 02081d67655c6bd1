// Fetching an object a request names, with Stripe's 404 wording per resource.
import type { Emulator } from '../emulator.js';
import type { Kind, ObjectKinds } from '../store.js';
import { resourceMissing } from '../protocol/errors.js';

const LABELS: Partial<Record<Kind, string>> = {
  payment_method: 'PaymentMethod',
  payment_intent: 'payment_intent',
  setup_intent: 'setup_intent',
  invoiceitem: 'invoiceitem',
  webhook_endpoint: 'webhook endpoint',
  'test_helpers.test_clock': 'test clock',
  'billing_portal.configuration': 'configuration',
  promotion_code: 'promotion code',
  subscription_schedule: 'subscription schedule',
  credit_note: 'credit note',
  tax_rate: 'tax rate',
  balance_transaction: 'balance transaction',
  'billing.meter': 'billing meter',
  mandate: 'mandate',
};

export function mustGet<K extends Kind>(emu: Emulator, kind: K, id: string | undefined, param = 'id'): ObjectKinds[K] {
  const object = id ? emu.store.get(kind, id) : undefined;
  if (!object) throw resourceMissing(LABELS[kind] ?? kind, id ?? '', param);
  return object;
}

/** The id of an expandable field, whether it holds the id or the expanded object. */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : value.id;
}

/** The time on the customer's clock: its test clock's frozen time, or the global clock. */
export function nowForCustomer(emu: Emulator, customerId: string | null | undefined): number {
  const customer = customerId ? emu.store.get('customer', customerId) : undefined;
  return emu.clock.now(customer?.test_clock as string | null | undefined);
}

