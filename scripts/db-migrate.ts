// `npm run db:migrate`: applies pending migrations to PostgreSQL (DATABASE_URL) or the embedded database.
import { ensureLocalEnv } from './lib/local-env';
import { closeDatabase, getDatabase, migrateDatabase } from '../lib/db/client';

ensureLocalEnv();
const handle = await getDatabase();
await migrateDatabase(handle);
console.log(`Migrations applied (${handle.kind === 'postgres' ? 'PostgreSQL' : 'embedded PGlite'}).`);
await closeDatabase();
