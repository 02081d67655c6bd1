import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('stores the algorithm, its parameters, the salt and the key in the hash', async () => {
    const hash = await hashPassword('correct horse battery');
    const [algorithm, N, r, p, salt, key] = hash.split('$');
    expect(algorithm).toBe('scrypt');
    expect(Number(N)).toBeGreaterThanOrEqual(2 ** 17);
    expect([Number(r), Number(p)]).toEqual([8, 1]);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(key, 'base64')).toHaveLength(64);
    expect(hash).not.toContain('correct horse battery');
  });

  it('uses a fresh salt for every hash of the same password', async () => {
    const [first, second] = await Promise.all([hashPassword('same password here'), hashPassword('same password here')]);
    expect(first).not.toBe(second);
    expect(await verifyPassword('same password here', second)).toBe(true);
  });

  it('honours the parameters recorded in an older hash', async () => {
    // A hash made with cheaper parameters (as an earlier version might have) still verifies.
    const { scryptSync, randomBytes } = await import('node:crypto');
    const salt = randomBytes(16);
    const key = scryptSync('legacy password', salt, 64, { N: 2 ** 14, r: 8, p: 1 });
    const legacy = ['scrypt', 2 ** 14, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
    expect(await verifyPassword('legacy password', legacy)).toBe(true);
    expect(await verifyPassword('other password', legacy)).toBe(false);
  });

  it('treats malformed hashes as a failed verification, not a crash', async () => {
    for (const stored of ['', 'plain-text', 'scrypt$3$8$1$c2FsdA==$a2V5', 'bcrypt$10$8$1$c2FsdA==$a2V5', 'scrypt$16384$8$1$$']) {
      expect(await verifyPassword('anything at all', stored)).toBe(false);
    }
  });
});
