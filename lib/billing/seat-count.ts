// How many seats an organisation uses (members plus pending invitations), and how many a purchase
// of a plan may carry: per-seat plans at least the seats in use, every other plan exactly one.
import { z } from 'zod';
import type { Database } from '@/lib/db/client';
import { UserError } from '@/lib/errors';
import { pendingInvitationCount } from '@/lib/organisations/invitations';
import { memberCount } from '@/lib/organisations/members';

/** The most seats one subscription may carry here. */
export const maxSeats = 500;

/** A "seats" form field: empty means "as many as in use"; otherwise a whole number within bounds. */
export const seatsFieldSchema = z.preprocess(
  (value) => (value === '' || value === null || value === undefined ? undefined : value),
  z.coerce.number().int(`Choose between 1 and ${maxSeats} seats.`).min(1, `Choose between 1 and ${maxSeats} seats.`).max(maxSeats, `Choose between 1 and ${maxSeats} seats.`).optional(),
);

export async function seatsInUse(db: Database, organisationId: string): Promise<number> {
  const [members, pending] = await Promise.all([memberCount(db, organisationId), pendingInvitationCount(db, organisationId)]);
  return members + pending;
}

/** The quantity to buy of a price: the seats asked for on a per-seat plan (at least those in use), else 1. */
export function purchaseQuantity(price: { perSeat: boolean }, requested: number | undefined, used: number): number {
  if (!price.perSeat) {
    if (requested !== undefined && requested !== 1) throw new UserError('Only the Team plan is sold per seat.');
    return 1;
  }
  const seats = requested ?? Math.max(used, 1);
  if (!Number.isInteger(seats) || seats < 1 || seats > maxSeats) throw new UserError(`Choose between 1 and ${maxSeats} seats.`);
  if (seats < used) throw new UserError(`Your organisation already uses ${used} seats (members and pending invitations): choose at least ${used}.`);
  return seats;
}

/** Whether a plan is priced per seat: its product grants `team-seats` (product metadata `features`). */
export function isPerSeat(productMetadata: Record<string, string> | null | undefined): boolean {
  return (productMetadata?.features ?? '').split(',').some((f) => f.trim() === 'team-seats');
}
