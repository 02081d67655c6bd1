// Demo users for the embedded default and the end-to-end tests. `tsx scripts/seed.ts` seeds the
// configured database and prints the credentials.
import { pathToFileURL } from 'node:url';
import type { Database } from '../lib/db/client';
import { users, type UserRole } from '../lib/db/schema';
import { hashPassword } from '../lib/auth/password';

export interface DemoCredentials {
  email: string;
  password: string;
}

/** Fixed demo accounts (printed by the dev runner; used by the end-to-end tests). */
export const demoUsers: Record<UserRole, DemoCredentials & { name: string }> = {
  admin: { email: 'admin@paydesk.test', password: 'paydesk-admin-demo', name: 'Demo Admin' },
  customer: { email: 'customer@paydesk.test', password: 'paydesk-customer-demo', name: 'Demo Customer' },
};

/** Creates the demo admin and customer, or resets their role and password if they exist. */
export async function seedDemoUsers(db: Database): Promise<Record<UserRole, DemoCredentials>> {
  for (const [role, { email, password, name }] of Object.entries(demoUsers) as [UserRole, (typeof demoUsers)[UserRole]][]) {
    const passwordHash = await hashPassword(password);
    await db
      .insert(users)
      .values({ email, name, role, passwordHash })
      .onConflictDoUpdate({ target: users.email, set: { role, passwordHash } });
  }
  return {
    admin: { email: demoUsers.admin.email, password: demoUsers.admin.password },
    customer: { email: demoUsers.customer.email, password: demoUsers.customer.password },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { closeDatabase, getDatabase } = await import('../lib/db/client');
  try {
    const credentials = await seedDemoUsers((await getDatabase()).db);
    console.log(`Demo admin:    ${credentials.admin.email} / ${credentials.admin.password}`);
    console.log(`Demo customer: ${credentials.customer.email} / ${credentials.customer.password}`);
  } finally {
    await closeDatabase();
  }
}
