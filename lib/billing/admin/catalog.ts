// Products an admin can filter payments by.
import { asc, eq } from 'drizzle-orm';
import { getDb, type Database } from '@/lib/db/client';
import { stripeProducts } from '@/lib/db/schema/billing';

export async function productOptions(options: { db?: Database } = {}): Promise<{ id: string; name: string }[]> {
  const db = options.db ?? (await getDb());
  return db
    .select({ id: stripeProducts.id, name: stripeProducts.name })
    .from(stripeProducts)
    .where(eq(stripeProducts.deleted, false))
    .orderBy(asc(stripeProducts.name), asc(stripeProducts.id));
}
