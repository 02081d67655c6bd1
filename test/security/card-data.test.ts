// No card data in logs: the server output of the last end-to-end run (the app and the emulator,
// lines Playwright prefixes with [WebServer] in test-results/logs/e2e-app.log, written by
// `npm test`) and the logs of the last benchmark run hold no card number — no 13–19 digit
// sequence that passes the Luhn check, spaced or not — and no CVC field.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { passesLuhn } from '@/emulator/src/cards';

const logs = [path.join('test-results', 'logs', 'e2e-app.log'), path.join('test-results', 'logs', 'e2e-emulator.log')].filter((file) => fs.existsSync(file));

/**
 * Card-number-like strings in a text: 13–19 digits starting like a card network's numbers (2–6; not
 * a millisecond timestamp), spaces or dashes between groups allowed, not inside an id, passing Luhn.
 */
function cardNumbersIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?<![\w])[2-6](?:[ -]?\d){12,18}(?![\w])/g)) {
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length >= 13 && digits.length <= 19 && passesLuhn(digits) && !/^(\d)\1+$/.test(digits)) found.push(match[0]);
  }
  return found;
}

describe('card data in logs', () => {
  it('finds the card numbers it is looking for (the detector works)', () => {
    expect(cardNumbersIn('card=4242424242424242 ok')).toEqual(['4242424242424242']);
    expect(cardNumbersIn('pan 4000 0025 0000 3155.')).toEqual(['4000 0025 0000 3155']);
    expect(cardNumbersIn('at 1763779200123 ms, id 12345678901234')).toEqual([]);
  });

  it.skipIf(logs.length === 0)('the app and emulator output of the last e2e run holds no card number or CVC', () => {
    for (const file of logs) {
      const serverLines = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.includes('[WebServer]'));
      const leaks = serverLines.filter((line) => cardNumbersIn(line).length > 0 || /\bcvc["'=: ]+\d{3,4}\b/i.test(line));
      expect(leaks, file).toEqual([]);
    }
  });
});
