import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite ships a WASM build and postgres.js opens sockets: keep both out of the server bundle.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres'],
  poweredByHeader: false,
  // forbidden() + app/forbidden.tsx: requireAdmin() answers customers with a real 403 page.
  experimental: { authInterrupts: true },
};

export default nextConfig;
