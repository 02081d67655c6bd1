// What metered usage costs: the graduated tiers of the "Reports generated" prices (the first tier
// free: the allowance each plan includes), computed the way Stripe bills them, in minor units.
// Stripe shows a price's tiers only when expanded and never lets them change, so the catalog's
// definition (lib/billing/catalog.ts) is the one home of the amounts; prices are found by lookup key.

export interface UsageTier {
  /** Units up to and including this one are in the tier; null for the last (infinite) tier. */
  upTo: number | null;
  /** Minor units per unit in the tier. */
  unitAmount: number;
  /** Minor units once for reaching the tier. */
  flatAmount?: number;
}

/** Graduated tiers: each unit is priced by the tier it falls in; a flat amount once a tier is reached. */
export function graduatedAmount(tiers: readonly UsageTier[], quantity: number): number {
  let amount = 0;
  let below = 0;
  for (const tier of tiers) {
    if (quantity <= below) break;
    const upTo = tier.upTo ?? Infinity;
    amount += (Math.min(quantity, upTo) - below) * tier.unitAmount + (tier.flatAmount ?? 0);
    below = upTo;
  }
  return amount;
}

/** The units a plan includes at no charge: the first tier when it is free. */
export function includedUnits(tiers: readonly UsageTier[]): number {
  const first = tiers[0];
  return first && first.unitAmount === 0 && !first.flatAmount && first.upTo !== null ? first.upTo : 0;
}
