/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm test` type-checks first (tsc --noEmit); doing it again inside every build only costs time.
  typescript: { ignoreBuildErrors: true },
  // PGlite loads its WebAssembly Postgres and extension bundles from its own package directory.
  serverExternalPackages: ['@electric-sql/pglite'],
};

export default nextConfig;
