// Which databases the integration suites run against: both by default, or the list in
// TEST_DATABASE_KINDS. Mutation testing (`npm run test:mutation`) sets it to `pglite`: Stryker
// re-runs the covering tests once per mutant, the app's SQL is the same on both kinds, and a second
// kind doubles the run time without killing a mutant the first one spares.
import type { DatabaseKind } from '@/lib/db/client';

const allKinds: DatabaseKind[] = ['pglite', 'postgres'];

export function selectedDatabaseKinds(list = process.env.TEST_DATABASE_KINDS): DatabaseKind[] {
  if (!list) return allKinds;
  const kinds = list.split(',').map((kind) => kind.trim());
  const unknown = kinds.filter((kind) => !allKinds.includes(kind as DatabaseKind));
  if (unknown.length > 0) throw new Error(`TEST_DATABASE_KINDS: unknown ${unknown.join(', ')} (known: ${allKinds.join(', ')})`);
  return kinds as DatabaseKind[];
}
