import { describe, expect, it } from 'vitest';
import { canManageBilling, hasOrganisationRole, isAdmin, roleAtSignIn } from './roles';

describe('roles', () => {
  it('only the admin role is an admin', () => {
    expect(isAdmin({ role: 'admin' })).toBe(true);
    expect(isAdmin({ role: 'customer' })).toBe(false);
    expect(isAdmin(null)).toBe(false);
    expect(isAdmin(undefined)).toBe(false);
  });

  it('promotes a user listed in ADMIN_EMAILS, whatever the case of their email', () => {
    expect(roleAtSignIn('Boss@Example.com', 'customer', ['boss@example.com'])).toBe('admin');
  });

  it('leaves everyone else with their stored role (ADMIN_EMAILS never demotes)', () => {
    expect(roleAtSignIn('ada@example.com', 'customer', ['boss@example.com'])).toBe('customer');
    expect(roleAtSignIn('seeded-admin@example.com', 'admin', [])).toBe('admin');
  });
});

describe('organisation roles', () => {
  it('ranks owner above admin above member', () => {
    expect(hasOrganisationRole('owner', 'admin')).toBe(true);
    expect(hasOrganisationRole('admin', 'admin')).toBe(true);
    expect(hasOrganisationRole('member', 'admin')).toBe(false);
    expect(hasOrganisationRole('admin', 'owner')).toBe(false);
    expect(hasOrganisationRole('member', 'member')).toBe(true);
  });

  it('lets owners and admins manage billing, not members', () => {
    expect(canManageBilling('owner')).toBe(true);
    expect(canManageBilling('admin')).toBe(true);
    expect(canManageBilling('member')).toBe(false);
  });
});
