// Accounts the end-to-end tests use. The demo users are seeded by scripts/e2e-server.ts.
import { randomUUID } from 'node:crypto';
export { demoUsers } from '../../scripts/seed';

/** Listed in ADMIN_EMAILS by scripts/e2e-server.ts: signs up as anyone would, and is an admin. */
export const promotedAdminEmail = 'promoted-admin@paydesk.test';

/** A password the sign-up rules accept. */
export const goodPassword = 'correct horse battery staple';

/** An email no other test uses, so tests can run in parallel against one database. */
export function uniqueEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.com`;
}
