// Organisations own billing; users belong to them through memberships with a role, and join them
// through invitations. Every user has a personal organisation, created with the account.
import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth';

export const organisationRoles = ['owner', 'admin', 'member'] as const;
export type OrganisationRole = (typeof organisationRoles)[number];
/** Roles an invitation can give: ownership only ever moves by transfer. */
export const invitableRoles = ['admin', 'member'] as const;
export type InvitableRole = (typeof invitableRoles)[number];

const moment = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const organisations = pgTable('organisations', {
  id: text('id')
    .primaryKey()
    .default(sql`gen_random_uuid()::text`),
  name: text('name').notNull(),
  /** The organisation created with an account; its owner is that account. */
  personal: boolean('personal').notNull().default(false),
  createdAt: moment('created_at').notNull().defaultNow(),
});

export type Organisation = typeof organisations.$inferSelect;

export const memberships = pgTable(
  'memberships',
  {
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: organisationRoles }).notNull(),
    createdAt: moment('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.userId] }),
    index('memberships_user_idx').on(t.userId),
    // At most one owner per organisation; "at least one" is kept by the code that changes roles
    // (lib/organisations/members.ts), under the organisation's lock.
    uniqueIndex('memberships_one_owner_idx')
      .on(t.organisationId)
      .where(sql`role = 'owner'`),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    id: text('id')
      .primaryKey()
      .default(sql`gen_random_uuid()::text`),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** Lower-cased and trimmed: only the account with this email can accept. */
    email: text('email').notNull(),
    role: text('role', { enum: invitableRoles }).notNull(),
    /** SHA-256 of the token in the link; the token itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: moment('created_at').notNull().defaultNow(),
    expiresAt: moment('expires_at').notNull(),
    acceptedAt: moment('accepted_at'),
    acceptedBy: text('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: moment('revoked_at'),
  },
  (t) => [index('invitations_organisation_idx').on(t.organisationId, t.createdAt.desc())],
);

export type Invitation = typeof invitations.$inferSelect;
