// For tests about accounts, throttling and forms, not the hash's cost (lib/auth/password.test.ts covers
// the real parameters): a real scrypt hash in the app's format with cheap parameters, so dozens of
// sign-ups take milliseconds. Verification stays real: it reads the parameters from the hash string.
import { randomBytes, scryptSync } from 'node:crypto';

export async function cheapHashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return ['scrypt', 1024, 8, 1, salt.toString('base64'), scryptSync(password, salt, 64, { N: 1024, r: 8, p: 1 }).toString('base64')].join('$');
}
