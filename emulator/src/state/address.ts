// Postal addresses as Stripe takes them (`address[line1]`, …) and returns them (every field, null when unset).
import type Stripe from 'stripe';
import type { Params } from '../protocol/params.js';

export function addressFrom(address: Params | undefined): Stripe.Address | null {
  if (!address) return null;
  address.only('line1', 'line2', 'city', 'state', 'postal_code', 'country');
  const field = (key: string) => address.str(key) || null;
  return { city: field('city'), country: field('country'), line1: field('line1'), line2: field('line2'), postal_code: field('postal_code'), state: field('state') };
}
