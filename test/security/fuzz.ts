// Reproducible random inputs for the fuzz tests (a seeded generator: a failure names its seed and case).

/** mulberry32: small, fast, good enough to spread cases; the same seed gives the same cases. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const text = (length: number) => {
    const alphabets = [
      'abcdefghijklmnopqrstuvwxyz0123456789_-',
      '"\\\'{}[]<>:,;=&%$#@!?*/ \t\n\r\u0000',
      'éß漢字🙂\u202e\ufeff\ud800',
    ];
    let out = '';
    for (let i = 0; i < length; i++) out += pick([...pick(alphabets)]);
    return out;
  };
  return { next, int, pick, text };
}

export type Random = ReturnType<typeof randomSource>;

/** Values that break naive code: wrong types, huge, empty, special strings, prototype keys. */
export function hostileValue(random: Random, depth = 0): unknown {
  switch (random.int(depth > 2 ? 12 : 14)) {
    case 0: return null;
    case 1: return random.int(2) === 0;
    case 2: return random.pick([0, -1, 1e21, Number.MAX_SAFE_INTEGER + 2, 0.1, -0]);
    case 3: return '';
    case 4: return random.text(random.int(40));
    case 5: return 'x'.repeat(random.pick([255, 256, 1_000, 70_000]));
    case 6: return random.pick(['__proto__', 'constructor', 'toString', "' or 1=1 --", '<script>alert(1)</script>', '../../etc/passwd', 'NaN', 'Infinity', '💳 4242 4242 4242 4242']);
    case 7: return random.pick(['pi_', 'pi_x', 'in_1', 'cus_', 'price_123', 'sub_ABC', 'cs_test_1', 'evt_1', 'ch_1', 're_1']);
    case 8: return random.pick(['2026-02-30', '1970-01-01', '9999-12-31', '2026-1-1', 'today']);
    case 9: return crypto.randomUUID();
    case 10: return -random.int(1000);
    case 11: return String(random.int(1e9));
    case 12: return Array.from({ length: random.int(4) }, () => hostileValue(random, depth + 1));
    default: return Object.fromEntries(Array.from({ length: random.int(4) }, () => [random.pick(['id', 'type', '__proto__', 'data', 'object', random.text(5)]), hostileValue(random, depth + 1)]));
  }
}
