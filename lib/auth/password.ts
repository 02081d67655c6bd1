// Password hashing with Node's built-in scrypt. The hash string carries its own parameters and
// salt, so the cost can be raised later without invalidating stored hashes.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP's recommended minimum for scrypt (128 MiB, about 0.4 s on a small server core). */
const defaultParams: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
const saltBytes = 16;
const keyBytes = 64;
const prefix = 'scrypt';

function deriveKey(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; leave headroom over Node's 32 MiB default.
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** `scrypt$N$r$p$<salt, base64>$<key, base64>`, with a fresh random salt each time. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltBytes);
  const key = await deriveKey(password, salt, defaultParams);
  const { N, r, p } = defaultParams;
  return [prefix, N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `password` matches `stored`; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await deriveKey(password, parsed.salt, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/**
 * Spends the same time as a real verification. Called when the account does not exist (or has no
 * password) so response times do not reveal which emails are registered.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  await deriveKey(password, randomBytes(saltBytes), defaultParams);
  return false;
}

function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== prefix) return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const valid = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0 && Number.isInteger(r) && r > 0 && Number.isInteger(p) && p > 0;
  if (!valid || N > 2 ** 20) return null;
  const salt = Buffer.from(parts[4], 'base64');
  const key = Buffer.from(parts[5], 'base64');
  if (salt.length === 0 || key.length === 0) return null;
  return { params: { N, r, p }, salt, key };
}
