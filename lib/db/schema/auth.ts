// Accounts and sign-in bookkeeping.
import { sql } from 'drizzle-orm';
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const userRoles = ['customer', 'admin'] as const;
export type UserRole = (typeof userRoles)[number];

export const users = pgTable('users', {
  id: text('id')
    .primaryKey()
    .default(sql`gen_random_uuid()::text`),
  /** Always stored lower-cased and trimmed; unique. */
  email: text('email').notNull().unique(),
  name: text('name'),
  /** scrypt hash (see lib/auth/password.ts); null for accounts that only use OAuth. */
  passwordHash: text('password_hash'),
  role: text('role', { enum: userRoles }).notNull().default('customer'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;

/** Failed sign-in counters per throttling key (email or client address), shared by every app instance. */
export const signInThrottle = pgTable('sign_in_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});
