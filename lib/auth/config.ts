// The part of the next-auth configuration that only reads the JWT: shared by the full setup
// (lib/auth/index.ts) and proxy.ts, which must stay cheap and never touch the database.
import type { NextAuthConfig } from 'next-auth';
import type { UserRole } from '@/lib/db/schema';

declare module 'next-auth' {
  interface Session {
    user: { id: string; email: string; role: UserRole; name?: string | null };
  }
  interface User {
    role?: UserRole;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    role?: UserRole;
  }
}

export const authConfig = {
  // `next start` serves whatever host it is reached on; without this auth() quietly returns null.
  trustHost: true,
  session: { strategy: 'jwt' },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  providers: [],
  callbacks: {
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      if (token.role) session.user.role = token.role;
      return session;
    },
  },
} satisfies NextAuthConfig;

/** Set by proxy.ts on every page request, so requireUser() can send people back where they were. */
export const requestPathHeader = 'x-paydesk-path';
