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
  /**
   * Sessions carry the version they were issued at; a session with an older one is ended. Raised by
   * "sign out everywhere", and by a database trigger whenever the password hash or the role changes.
   */
  sessionVersion: integer('session_version').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;

/**
 * Attempt counters per throttling key, shared by every app instance: sign-ins per (account, address)
 * pair and per address, sign-ups per address, and Stripe-calling actions per customer. `attempts`
 * counts attempts as they start; a successful sign-in takes its own back, so for sign-in what
 * remains are failures and attempts still being checked.
 */
export const attemptCounts = pgTable('attempt_counts', {
  key: text('key').primaryKey(),
  attempts: integer('attempts').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Sessions ended by signing out, kept until their cookie would have expired anyway. */
export const revokedSessions = pgTable('revoked_sessions', {
  id: text('id').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
