export { getDb, getDatabase, closeDatabase, openDatabase, migrateDatabase, rows } from './client';
export type { Database, DatabaseHandle, DatabaseKind } from './client';
export * as schema from './schema';
