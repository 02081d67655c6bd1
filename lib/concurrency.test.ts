// The concurrency helpers: a limit holds at most N calls in flight, hands freed slots on in arrival
// order, and frees a slot when a call fails too.
import { describe, expect, it } from 'vitest';
import { concurrencyLimit } from './concurrency';

describe('concurrencyLimit', () => {
  it('runs at most `limit` calls at once, the waiting ones in the order they came, and frees a failed call’s slot', async () => {
    const limited = concurrencyLimit(2);
    let active = 0;
    let most = 0;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const task = (n: number) =>
      limited(async () => {
        started.push(n);
        most = Math.max(most, ++active);
        await new Promise<void>((resolve) => releases.push(resolve));
        active--;
        if (n === 1) throw new Error('task 1 fails');
        return n;
      });
    const results = [1, 2, 3, 4, 5].map((n) => task(n).catch((error: Error) => error.message));
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    await settle();
    expect(started).toEqual([1, 2]);
    releases.shift()!(); // task 1 fails: its slot goes to task 3
    await settle();
    expect(started).toEqual([1, 2, 3]);
    while (releases.length > 0 || started.length < 5) {
      releases.shift()?.();
      await settle();
    }
    expect(await Promise.all(results)).toEqual(['task 1 fails', 2, 3, 4, 5]);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });
});
