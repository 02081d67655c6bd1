// The organisations migration (drizzle/0006) on a database filled before it: every account gets a
// personal organisation it owns, every customer bound to a user moves to that user's organisation,
// orders follow, and nothing else changes — subscriptions, payments, history and entitlements read
// the same through the organisation as they did through the user.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { column, migrateDatabase, migrationsFolder, rows, type DatabaseHandle } from '@/lib/db/client';
import { billingHistory } from '@/lib/billing/history';
import { entitlementsForOrganisation } from '@/lib/billing/entitlements';
import { users } from '@/lib/db/schema';
import { databaseKinds, freshDatabase } from '../support/databases';

/** The last migration before organisations existed. */
const BEFORE = '0005_limits_and_order_attempts';

/** A copy of the migrations folder that stops at `tag`. */
async function migrationsUpTo(tag: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'paydesk-migrations-'));
  await cp(migrationsFolder, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalFile, 'utf8')) as { entries: { tag: string; idx: number }[] };
  const last = journal.entries.find((e) => e.tag === tag)!.idx;
  journal.entries = journal.entries.filter((e) => e.idx <= last);
  await writeFile(journalFile, JSON.stringify(journal));
  return dir;
}

async function migrateWith(handle: DatabaseHandle, folder: string): Promise<void> {
  const { migrate } = handle.kind === 'postgres' ? await import('drizzle-orm/postgres-js/migrator') : await import('drizzle-orm/pglite/migrator');
  await migrate(handle.db as never, { migrationsFolder: folder });
}

const stamp = `'{}'::jsonb, now()`;

describe.each(databaseKinds)('the organisations migration on %s', (kind) => {
  let handle: DatabaseHandle;
  let folder: string;
  const ids = { ada: '', bob: '', cy: '' };

  beforeAll(async () => {
    handle = await freshDatabase(kind, { migrate: false });
    folder = await migrationsUpTo(BEFORE);
    await migrateWith(handle, folder);
    const db = handle.db;
    // Three accounts before organisations: Ada subscribed and bought an add-on, Bob only has a
    // customer, Cy never paid. One customer (made in the Stripe dashboard) belongs to nobody.
    for (const name of ['ada', 'bob', 'cy'] as const) {
      const [row] = await rows(db, sql`insert into users (email, name) values (${`${name}@example.com`}, ${name === 'cy' ? null : name.toUpperCase()}) returning id`, z.object({ id: column.text }));
      ids[name] = row.id;
    }
    const statements = `
      insert into stripe_customers (id, user_id, email, raw, synced_at) values
        ('cus_ada', '${ids.ada}', 'ada@example.com', ${stamp}),
        ('cus_bob', '${ids.bob}', 'bob@example.com', ${stamp}),
        ('cus_dashboard', null, 'walk-in@example.com', ${stamp});
      insert into stripe_products (id, name, active, raw, synced_at) values ('prod_team', 'Team', true, '{"metadata":{"tier":"team","features":"team-seats"}}'::jsonb, now()),
        ('prod_pack', 'Support pack', true, ${stamp});
      insert into stripe_subscriptions (id, customer_id, status, cancel_at_period_end, created, raw, synced_at) values ('sub_ada', 'cus_ada', 'active', false, now(), ${stamp});
      insert into stripe_subscription_items (id, subscription_id, price_id, product_id, quantity, raw, synced_at) values ('si_ada', 'sub_ada', 'price_team', 'prod_team', 3, ${stamp});
      insert into stripe_payment_intents (id, customer_id, status, amount, amount_received, currency, created, raw, synced_at) values
        ('pi_sub', 'cus_ada', 'succeeded', 23700, 23700, 'usd', now() - interval '2 days', ${stamp}),
        ('pi_order', 'cus_ada', 'succeeded', 4900, 4900, 'usd', now() - interval '1 day', ${stamp});
      insert into orders (id, user_id, customer_id, payment_intent_id, attempt_id, status, currency, amount_total)
        values ('11111111-1111-1111-1111-111111111111', '${ids.ada}', 'cus_ada', 'pi_order', 'attempt-1', 'paid', 'usd', 4900);
      insert into order_lines (order_id, position, price_id, product_id, description, quantity, unit_amount, amount)
        values ('11111111-1111-1111-1111-111111111111', 0, 'price_pack', 'prod_pack', 'Support pack', 1, 4900, 4900)`;
    for (const statement of statements.split(';')) await db.execute(sql.raw(statement));
    await migrateDatabase(handle);
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  const personal = async (userId: string) =>
    (
      await rows(
        handle.db,
        sql`select o.id, o.name, o.personal, m.role from memberships m join organisations o on o.id = m.organisation_id where m.user_id = ${userId}`,
        z.object({ id: column.text, name: column.text, personal: z.boolean(), role: column.text }),
      )
    );

  it('gives every existing account one personal organisation it owns, named after it', async () => {
    expect(await personal(ids.ada)).toEqual([expect.objectContaining({ name: 'ADA', personal: true, role: 'owner' })]);
    expect(await personal(ids.bob)).toEqual([expect.objectContaining({ name: 'BOB', personal: true, role: 'owner' })]);
    // No name: the email stands in.
    expect(await personal(ids.cy)).toEqual([expect.objectContaining({ name: 'cy@example.com', personal: true, role: 'owner' })]);
  });

  it('moves each bound customer to its user’s organisation and leaves unbound ones alone', async () => {
    const customers = await rows(handle.db, sql`select id, organisation_id from stripe_customers order by id`, z.object({ id: column.text, organisation_id: column.text.nullable() }));
    const [ada] = await personal(ids.ada);
    const [bob] = await personal(ids.bob);
    expect(customers).toEqual([
      { id: 'cus_ada', organisation_id: ada.id },
      { id: 'cus_bob', organisation_id: bob.id },
      { id: 'cus_dashboard', organisation_id: null },
    ]);
  });

  it('keeps orders (with who placed them) and files them under the organisation', async () => {
    const [ada] = await personal(ids.ada);
    const orders = await rows(handle.db, sql`select organisation_id, user_id, attempt_id, status from orders`, z.object({ organisation_id: column.text, user_id: column.text, attempt_id: column.text, status: column.text }));
    expect(orders).toEqual([{ organisation_id: ada.id, user_id: ids.ada, attempt_id: 'attempt-1', status: 'paid' }]);
  });

  it('loses nothing: the history and entitlements read through the organisation match what the user had', async () => {
    const [ada] = await personal(ids.ada);
    const { payments } = await billingHistory({ db: handle.db, customerId: 'cus_ada' });
    expect(payments.map((p) => [p.id, p.amount])).toEqual([
      ['pi_order', 4900],
      ['pi_sub', 23700],
    ]);
    expect(payments[0].items).toMatchObject([{ source: 'order', name: 'Support pack', quantity: 1 }]);
    expect(await entitlementsForOrganisation(ada.id, { db: handle.db })).toMatchObject({ tier: 'team' });
    const counts = await rows(
      handle.db,
      sql`select (select count(*) from stripe_subscriptions)::int as subscriptions, (select count(*) from stripe_payment_intents)::int as payments, (select count(*) from order_lines)::int as lines`,
      z.object({ subscriptions: z.number(), payments: z.number(), lines: z.number() }),
    );
    expect(counts).toEqual([{ subscriptions: 1, payments: 2, lines: 1 }]);
  });

  it('gives accounts created after it a personal organisation too, whoever creates them', async () => {
    const [dee] = await handle.db.insert(users).values({ email: 'dee@example.com', name: 'Dee' }).returning();
    expect(await personal(dee.id)).toEqual([expect.objectContaining({ name: 'Dee', personal: true, role: 'owner' })]);
  });

  it('allows one owner per organisation at most', async () => {
    const [ada] = await personal(ids.ada);
    await expect(handle.db.execute(sql`insert into memberships (organisation_id, user_id, role) values (${ada.id}, ${ids.bob}, 'owner')`)).rejects.toThrow();
  });
});
