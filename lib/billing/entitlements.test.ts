import { describe, expect, it } from 'vitest';
import { entitlementsFor, type SubscriptionState } from './entitlements';

const pro = { productMetadata: { tier: 'pro', features: 'reports, exports' } };
const team = { productMetadata: { tier: 'team', features: 'seats' } };
const sub = (status: string, ...items: SubscriptionState['items']): SubscriptionState => ({ status, items });

describe('entitlementsFor', () => {
  it('grants the plan of an active or trialing subscription', () => {
    expect(entitlementsFor([sub('active', pro)])).toEqual({ tier: 'pro', features: new Set(['reports', 'exports']), needsPayment: false });
    expect(entitlementsFor([sub('trialing', pro)]).tier).toBe('pro');
  });

  it('keeps access while a renewal is past due, and asks for payment', () => {
    expect(entitlementsFor([sub('past_due', pro)])).toMatchObject({ tier: 'pro', needsPayment: true });
  });

  it('grants nothing for canceled, unpaid, incomplete or paused subscriptions', () => {
    for (const status of ['canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused']) {
      expect(entitlementsFor([sub(status, pro)]).tier, status).toBeNull();
    }
    expect(entitlementsFor([sub('incomplete', pro)]).needsPayment).toBe(true);
  });

  it('fails closed on a status it does not know', () => {
    expect(entitlementsFor([sub('suspended_by_martians', pro)])).toEqual({ tier: null, features: new Set(), needsPayment: false });
  });

  it('takes the highest tier and the union of features across subscriptions', () => {
    const result = entitlementsFor([sub('active', pro), sub('active', team), sub('canceled', { productMetadata: { tier: 'enterprise' } })]);
    expect(result.tier).toBe('team');
    expect([...result.features].sort()).toEqual(['exports', 'reports', 'seats']);
  });

  it('grants nothing without subscriptions or plan metadata', () => {
    expect(entitlementsFor([]).tier).toBeNull();
    expect(entitlementsFor([sub('active', { productMetadata: null })]).tier).toBeNull();
  });
});
