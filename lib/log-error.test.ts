import { afterEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from '@/lib/db/client';
import { logError } from './log-error';

describe('logging unexpected errors', () => {
  afterEach(() => vi.restoreAllMocks());

  it('logs a failed query as an id and the database’s answer, without the SQL or its parameters', async () => {
    const handle = await openDatabase({ pgliteDir: 'memory://' });
    const failure = await handle.db.execute(sql`select * from missing_table where email = ${'secret-customer@example.com'}`).catch((e: unknown) => e);
    await handle.close();
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const id = logError('billing', 'loading the history', failure);
    const logged = log.mock.calls.map((args) => args.join(' ')).join('\n');
    expect(logged).toContain(`error id ${id}`);
    expect(logged).toMatch(/relation "missing_table" does not exist/);
    expect(logged).not.toMatch(/secret-customer|select \*/i);
  });
});
