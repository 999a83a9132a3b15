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
  turbopack: {
    resolveAlias: {
      // lib/ reads the URL with nuqs's parsers from 'nuqs/server' (the server needs them too, and
      // 'nuqs' is a client module there). nuqs bundles those parsers into both entry points, so the
      // browser, which loads 'nuqs' anyway for its hooks, got the same code twice (~2.6 KiB gz of
      // /jobs, bench P5). The browser takes them from 'nuqs'; the server is unchanged.
      'nuqs/server': { browser: 'nuqs' },
    },
  },
};

export default nextConfig;
