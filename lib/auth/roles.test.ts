import { describe, expect, it } from 'vitest';
import { isAdmin, roleAtSignIn } from './roles';

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
