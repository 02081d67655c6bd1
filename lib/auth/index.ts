// The next-auth setup: email + password (Credentials), and GitHub when its env vars are set.
// A plain config object, not `NextAuth(async () => cfg)`: the async form breaks `auth(fn)`.
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { env } from '@/lib/env';
import { getDb } from '@/lib/db/client';
import './config';
import { authenticate } from './credentials';
import { findOrCreateOAuthUser } from './accounts';
import { githubProviders } from './github';
import { clientIpFrom } from './client-ip';
import { isSessionCurrent, sessionMaxAgeSeconds } from './sessions';
import { logError } from '@/lib/log-error';

/** Thrown by the Credentials provider; the sign-in action turns it into the message users read. */
export class SignInRefused extends CredentialsSignin {
  constructor(
    readonly reason: 'invalid' | 'throttled',
    readonly retryAfterMinutes = 0,
  ) {
    super();
    this.code = reason;
  }
}

const config: NextAuthConfig = {
  // `next start` serves whatever host it is reached on; without this auth() quietly returns null.
  trustHost: true,
  session: { strategy: 'jwt', maxAge: sessionMaxAgeSeconds },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  providers: [
    Credentials({
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      async authorize(credentials, request) {
        const email = typeof credentials.email === 'string' ? credentials.email : '';
        const password = typeof credentials.password === 'string' ? credentials.password : '';
        if (!email || !password) throw new SignInRefused('invalid');
        const result = await authenticate(await getDb(), {
          email,
          password,
          clientIp: clientIpFrom(request.headers),
          adminEmails: env().ADMIN_EMAILS,
        });
        if (!result.ok) throw new SignInRefused(result.reason, result.reason === 'throttled' ? result.retryAfterMinutes : 0);
        return result.user;
      },
    }),
    ...githubProviders(),
  ],
  callbacks: {
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      if (token.role) session.user.role = token.role;
      if (token.sid) session.user.sessionId = token.sid;
      return session;
    },
    signIn({ account, user }) {
      // OAuth sign-ins need a verified email to link to; credentials were checked in authorize().
      return account?.provider === 'credentials' || Boolean(user.email);
    },
    async jwt({ token, user, account }) {
      // Not a sign-in: the token stands only while its session does (signed out, or every session
      // ended by a new password or role); null makes next-auth drop the cookie.
      if (!user) return (await isSessionCurrent(await getDb(), token)) ? token : null;
      const sid = crypto.randomUUID();
      if (account && account.provider !== 'credentials') {
        const linked = await findOrCreateOAuthUser(await getDb(), { email: user.email!, name: user.name }, env().ADMIN_EMAILS);
        return { ...token, sub: linked.id, email: linked.email, role: linked.role, sid, sv: linked.sessionVersion };
      }
      return { ...token, sub: user.id, email: user.email, role: user.role, sid, sv: user.sessionVersion };
    },
  },
  logger: {
    // A wrong password is an expected outcome, not a server error worth a stack trace.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      logError('auth', 'next-auth', error);
    },
  },
};

export const { handlers, auth, signIn, signOut } = NextAuth(config);
export { githubEnabled } from './github';

