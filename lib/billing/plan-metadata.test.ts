// How plan metadata becomes entitlements: the highest tier wins whatever order the subscriptions
// come in, and the features list is read as people write it (spaces, trailing commas, absent).
import { describe, expect, it } from 'vitest';
import { entitlementsFor, type SubscriptionState } from './entitlements';

const active = (...metadata: (Record<string, string> | null)[]): SubscriptionState => ({
  status: 'active',
  items: metadata.map((productMetadata) => ({ productMetadata })),
});

describe('plan metadata', () => {
  it('keeps the highest tier when a lower one comes after it', () => {
    expect(entitlementsFor([active({ tier: 'team' }), active({ tier: 'pro' })]).tier).toBe('team');
    expect(entitlementsFor([active({ tier: 'pro' }, { tier: 'starter' })]).tier).toBe('pro');
  });

  it('keeps the tier when an add-on without a tier comes after the plan', () => {
    expect(entitlementsFor([active({ tier: 'pro' }, { features: 'exports' })]).tier).toBe('pro');
  });

  it('ranks a tier it does not know above none and below every known one', () => {
    expect(entitlementsFor([active({ tier: 'enterprise' })]).tier).toBe('enterprise');
    expect(entitlementsFor([active({ tier: 'starter' }), active({ tier: 'enterprise' })]).tier).toBe('starter');
  });

  it('reads features as a comma-separated list, ignoring blanks', () => {
    expect([...entitlementsFor([active({ tier: 'pro', features: ' reports , exports, ,' })]).features]).toEqual(['reports', 'exports']);
  });

  it('grants no features to a plan that lists none', () => {
    expect(entitlementsFor([active({ tier: 'pro' })]).features.size).toBe(0);
  });
});
