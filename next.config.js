/**
 * What every response carries even where proxy.ts does not run: static files under /_next/static
 * (outside its matcher). The proxy sets the same headers, and its per-request CSP, on everything
 * else, and makes the trailing-slash redirects itself so that they carry them too.
 */
const STATIC_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Frame-Options', value: 'DENY' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The proxy sees the query exactly as sent (server/api/raw-query.ts says why).
  skipProxyUrlNormalize: true,
  // proxy.ts makes the trailing-slash redirects, with the security headers on them.
  skipTrailingSlashRedirect: true,
  async headers() {
    return [
      { source: '/:path*', headers: STATIC_HEADERS },
      // Scripts and styles run nothing themselves; a strict policy for anything opened directly.
      {
        source: '/_next/static/:path*',
        headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
  // PGlite loads its WebAssembly Postgres and extension bundles from its own package directory.
  serverExternalPackages: ['@electric-sql/pglite'],
};

export default nextConfig;
