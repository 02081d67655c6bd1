import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { column, rows } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { databaseKinds, useDatabase } from './support/databases';

describe.each(databaseKinds)('database on %s', (kind) => {
  const handle = useDatabase(kind);

  it('applies the migrations and stores users with unique emails', async () => {
    await handle.db.insert(users).values({ email: 'ada@example.com', name: 'Ada' });
    await expect(handle.db.insert(users).values({ email: 'ada@example.com' })).rejects.toThrow();
    const [ada] = await handle.db.select().from(users).where(eq(users.email, 'ada@example.com'));
    expect(ada.role).toBe('customer');
    expect(ada.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports which server it is', async () => {
    const [{ version }] = await rows(handle.db, sql`select version()`, z.object({ version: column.text }));
    expect(version).toContain('PostgreSQL');
  });

  it('rolls back a failed transaction as a whole', async () => {
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.insert(users).values({ email: 'rollback@example.com' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const found = await handle.db.select().from(users).where(eq(users.email, 'rollback@example.com'));
    expect(found).toHaveLength(0);
  });
});
