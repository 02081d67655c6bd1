// Auth pieces shared by the next-auth setup (lib/auth/index.ts) and proxy.ts, which must stay cheap.
import type { UserRole } from '@/lib/db/schema';

declare module 'next-auth' {
  interface Session {
    user: { id: string; email: string; role: UserRole; name?: string | null; sessionId?: string };
  }
  interface User {
    role?: UserRole;
    sessionVersion?: number;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    role?: UserRole;
    /** This session's id (lib/auth/sessions.ts). */
    sid?: string;
    /** The user's session version when this session began. */
    sv?: number;
  }
}

/** Set by proxy.ts on every page request, so requireUser() can send people back where they were. */
export const requestPathHeader = 'x-paydesk-path';
