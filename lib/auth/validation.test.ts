import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { safeCallbackUrl, signInSchema, signUpSchema } from './validation';

function fieldErrors(result: z.ZodSafeParseResult<unknown>): Record<string, string[] | undefined> {
  return result.success ? {} : z.flattenError(result.error).fieldErrors;
}

describe('sign-up input', () => {
  it('accepts a valid email and a long, uncommon password, normalising the email', () => {
    const result = signUpSchema.safeParse({ email: '  Ada@Example.COM ', password: 'tea kettle on the hob' });
    expect(result.success && result.data).toEqual({ email: 'ada@example.com', password: 'tea kettle on the hob', callbackUrl: '/account' });
  });

  it.each(['', 'ada', 'ada@', '@example.com', 'ada example.com', 'ada@example'])('refuses the email %j', (email) => {
    const errors = fieldErrors(signUpSchema.safeParse({ email, password: 'tea kettle on the hob' }));
    expect(errors.email?.[0]).toMatch(/email address/);
  });

  it('calls a short password weak and says how long it must be', () => {
    const errors = fieldErrors(signUpSchema.safeParse({ email: 'ada@example.com', password: 'short1!' }));
    expect(errors.password).toEqual(['Weak password: use at least 10 characters.']);
  });

  it.each(['password123', 'Password123', '1234567890', 'qwertyuiop', 'iloveyou123', 'aaaaaaaaaaaa', 'abcabcabcabc'])(
    'calls the common or repetitive password %j weak',
    (password) => {
      const errors = fieldErrors(signUpSchema.safeParse({ email: 'ada@example.com', password }));
      expect(errors.password?.[0]).toMatch(/^Weak password: .*common/);
    },
  );

  it('refuses absurdly long passwords', () => {
    expect(signUpSchema.safeParse({ email: 'ada@example.com', password: 'x'.repeat(129) }).success).toBe(false);
  });
});

describe('sign-in input', () => {
  it('needs an email and a password, but does not judge the password', () => {
    expect(signInSchema.safeParse({ email: 'ada@example.com', password: 'short' }).success).toBe(true);
    const errors = fieldErrors(signInSchema.safeParse({ email: 'ada@example.com', password: '' }));
    expect(errors.password).toEqual(['Enter your password.']);
  });
});

describe('callback URLs after sign-in', () => {
  it.each([
    ['/admin', '/admin'],
    ['/account?tab=billing#invoices', '/account?tab=billing#invoices'],
    ['/pricing/../admin', '/admin'],
  ])('keeps the same-site path %j', (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });

  it.each([undefined, null, '', 'https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'account', '/\tadmin'])(
    'replaces %j with /account',
    (input) => {
      expect(safeCallbackUrl(input)).toBe('/account');
    },
  );
});
