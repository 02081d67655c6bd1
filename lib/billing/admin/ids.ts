// Shapes of the Stripe ids admin URLs and forms carry, checked before any query runs.
import { z } from 'zod';

const stripeId = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9_]{1,250}$`), 'Not a valid id.');

export const paymentIdSchema = stripeId('pi');
export const disputeIdSchema = stripeId('dp');
export const customerIdSchema = stripeId('cus');
export const eventIdSchema = stripeId('evt');
