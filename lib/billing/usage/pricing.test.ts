import { describe, expect, it } from 'vitest';
import { graduatedAmount, includedUnits, type UsageTier } from './pricing';

const tiers: UsageTier[] = [{ upTo: 100, unitAmount: 0 }, { upTo: 1_000, unitAmount: 10 }, { upTo: null, unitAmount: 5, flatAmount: 500 }];

describe('graduated usage pricing', () => {
  it('charges nothing within the included units, then each unit at its tier', () => {
    expect(graduatedAmount(tiers, 0)).toBe(0);
    expect(graduatedAmount(tiers, 100)).toBe(0);
    expect(graduatedAmount(tiers, 101)).toBe(10);
    expect(graduatedAmount(tiers, 1_000)).toBe(9_000);
    expect(graduatedAmount(tiers, 1_001)).toBe(9_000 + 5 + 500);
    expect(graduatedAmount(tiers, 1_250)).toBe(9_000 + 250 * 5 + 500);
  });

  it('knows the included units only when the first tier is free', () => {
    expect(includedUnits(tiers)).toBe(100);
    expect(includedUnits([{ upTo: 10, unitAmount: 1 }, { upTo: null, unitAmount: 1 }])).toBe(0);
  });
});
