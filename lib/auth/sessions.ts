// Revocable sessions on top of next-auth's stateless JWTs. Each token carries an id of its own and
// the user's session version at sign-in; the server checks both on every request, so signing out
// ends a copied cookie too, and "sign out everywhere", a new password or a new role ends them all.
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { revokedSessions, users } from '@/lib/db/schema';

/** How long a session cookie lives (next-auth's `session.maxAge`), and so how long a revocation is kept. */
export const sessionMaxAgeSeconds = 30 * 24 * 60 * 60;

export interface SessionClaims {
  /** The user id (`sub`). */
  sub?: string;
  /** This session's own id. */
  sid?: string;
  /** The user's session version when this session began. */
  sv?: number;
}

/**
 * Whether a token still stands for a live session: the user exists, their session version is the
 * one the token was issued at, and this session was not signed out. Tokens without the claims
 * (issued before sessions were revocable) do not.
 */
export async function isSessionCurrent(db: Database, claims: SessionClaims): Promise<boolean> {
  if (!claims.sub || !claims.sid || typeof claims.sv !== 'number') return false;
  const [row] = await db
    .select({ live: sql<boolean>`not exists (select 1 from ${revokedSessions} where ${revokedSessions.id} = ${claims.sid})` })
    .from(users)
    .where(and(eq(users.id, claims.sub), eq(users.sessionVersion, claims.sv)))
    .limit(1);
  return row?.live === true;
}

/** Ends one session (signing out): its cookie stops working even if someone copied it. */
export async function endSession(db: Database, claims: SessionClaims, now = new Date()): Promise<void> {
  if (!claims.sub || !claims.sid) return;
  // Revocations are only needed until the cookie would have expired on its own.
  await db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, now));
  await db
    .insert(revokedSessions)
    .values({ id: claims.sid, userId: claims.sub, expiresAt: new Date(now.getTime() + sessionMaxAgeSeconds * 1000) })
    .onConflictDoNothing();
}

/** Ends every session of the user ("sign out everywhere"). */
export async function endAllSessions(db: Database, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}
