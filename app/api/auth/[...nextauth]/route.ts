// next-auth's endpoints (session, CSRF, OAuth callbacks).
import { handlers } from '@/lib/auth';

export const { GET, POST } = handlers;
