// The one API version the emulator speaks: the version the installed stripe package pins.
import Stripe from 'stripe';
import { invalidRequest } from './errors.js';

export const API_VERSION: string = Stripe.API_VERSION;

/** A missing header means the account default, which is the pinned version. */
export function checkVersion(header: string | undefined): void {
  if (header === undefined || header === API_VERSION) return;
  throw invalidRequest(
    `Invalid Stripe API version: ${header}. This emulator speaks ${API_VERSION} only; send that Stripe-Version or none.`,
  );
}
