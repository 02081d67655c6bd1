// Optional GitHub sign-in, on only when AUTH_GITHUB_ID and AUTH_GITHUB_SECRET are set.
import GitHub from 'next-auth/providers/github';
import { env } from '@/lib/env';

export function githubEnabled(): boolean {
  const { AUTH_GITHUB_ID, AUTH_GITHUB_SECRET } = env();
  return Boolean(AUTH_GITHUB_ID && AUTH_GITHUB_SECRET);
}

export function githubProviders() {
  if (!githubEnabled()) return [];
  return [
    GitHub({
      clientId: env().AUTH_GITHUB_ID,
      clientSecret: env().AUTH_GITHUB_SECRET,
      // Accounts are linked by email, so only an address GitHub has verified may be used.
      userinfo: {
        url: 'https://api.github.com/user',
        async request({ tokens }: { tokens: { access_token?: string } }) {
          const accessToken = tokens.access_token ?? '';
          const profile = await (await fetch('https://api.github.com/user', { headers: githubHeaders(accessToken) })).json();
          return { ...profile, email: await verifiedPrimaryEmail(accessToken) };
        },
      },
    }),
  ];
}

function githubHeaders(accessToken: string) {
  return { Authorization: `Bearer ${accessToken}`, 'User-Agent': 'paydesk' };
}

async function verifiedPrimaryEmail(accessToken: string): Promise<string | null> {
  const response = await fetch('https://api.github.com/user/emails', { headers: githubHeaders(accessToken) });
  if (!response.ok) return null;
  const emails = (await response.json()) as { email: string; primary: boolean; verified: boolean }[];
  return emails.find((e) => e.primary && e.verified)?.email ?? null;
}
