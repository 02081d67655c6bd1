// Sessions end on the server: a copied cookie stops working after sign-out, and a new password, a new
// role or "sign out everywhere" ends every session of the user.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '@/lib/db/schema';
import { databaseKinds, useDatabase } from '@/test/support/databases';
import { endAllSessions, endSession, isSessionCurrent } from './sessions';

describe.each(databaseKinds)('revocable sessions on %s', (kind) => {
  const handle = useDatabase(kind);

  async function newUser(email: string) {
    const [user] = await handle.db.insert(users).values({ email, passwordHash: 'scrypt$old' }).returning();
    const session = (device: string) => ({ sub: user.id, sid: `${device}-${user.id}`, sv: user.sessionVersion });
    return { user, laptop: session('laptop'), phone: session('phone') };
  }

  it('ends only the session that signed out', async () => {
    const { laptop, phone } = await newUser('signout@example.com');
    expect(await isSessionCurrent(handle.db, laptop)).toBe(true);
    await endSession(handle.db, laptop);
    await endSession(handle.db, laptop); // signing out twice is harmless
    expect(await isSessionCurrent(handle.db, laptop)).toBe(false);
    expect(await isSessionCurrent(handle.db, phone)).toBe(true);
  });

  it('ends every session on "sign out everywhere"', async () => {
    const { user, laptop, phone } = await newUser('everywhere@example.com');
    await endAllSessions(handle.db, user.id);
    expect(await isSessionCurrent(handle.db, laptop)).toBe(false);
    expect(await isSessionCurrent(handle.db, phone)).toBe(false);
  });

  it('ends every session when the password or the role changes, however it was changed', async () => {
    const a = await newUser('password@example.com');
    await handle.db.update(users).set({ passwordHash: 'scrypt$new' }).where(eq(users.id, a.user.id));
    expect(await isSessionCurrent(handle.db, a.laptop)).toBe(false);

    const b = await newUser('role@example.com');
    await handle.db.update(users).set({ name: 'Renamed' }).where(eq(users.id, b.user.id));
    expect(await isSessionCurrent(handle.db, b.laptop)).toBe(true);
    await handle.db.update(users).set({ role: 'admin' }).where(eq(users.id, b.user.id));
    expect(await isSessionCurrent(handle.db, b.laptop)).toBe(false);
  });

  it('does not accept tokens without the session claims, or of a deleted user', async () => {
    const { user, laptop } = await newUser('old-token@example.com');
    expect(await isSessionCurrent(handle.db, { sub: user.id })).toBe(false);
    await handle.db.delete(users).where(eq(users.id, user.id));
    expect(await isSessionCurrent(handle.db, laptop)).toBe(false);
  });
});
