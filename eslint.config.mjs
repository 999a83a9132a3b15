import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import tseslint from 'typescript-eslint';

/**
 * Next's rules plus the boundaries of the layout (README, "Layout"): what runs where is in the path.
 * - server/ is server-only (the CI client, config, XML, auth, stores); emulator/ is the stand-in CI.
 * - lib/ is the pure shared model; features/ and components/ are the browser side.
 * Only app/ (server components, route handlers), proxy.ts, instrumentation, scripts, bench and tests
 * reach into server/; only the backend wiring (server/ci/backend.ts and the emulator's settings in
 * server/config/emulator.ts), scripts, bench and tests reach the emulator.
 */
const SERVER = ['@/server', '@/server/**', '**/server/**'];
const EMULATOR = ['@/emulator', '@/emulator/**', '**/emulator/**'];
const BROWSER = ['@/features/**', '@/components/**', '@/app/**'];
const REACT = ['react', 'react-dom', 'react/*', 'react-dom/*', 'next', 'next/*'];

const restrict = (...zones) => ({
  'no-restricted-imports': ['error', { patterns: zones.map(([group, message]) => ({ group, message })) }],
});

/** A file that starts with 'use client' runs in the browser: it never imports server/ or the emulator. */
const clientBoundary = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    let client = false;
    return {
      Program(node) {
        const first = node.body[0];
        client = first?.type === 'ExpressionStatement' && first.directive === 'use client';
      },
      ImportDeclaration(node) {
        const source = String(node.source.value);
        if (client && (/^@\/(server|emulator)(\/|$)/.test(source) || /(^|\/)(server|emulator)\//.test(source))) {
          context.report({
            node,
            message: `A client component ('use client') cannot import ${source}: reach the server through /api.`,
          });
        }
      },
    };
  },
};

const config = [
  ...nextVitals,
  ...nextTs,
  // Type-aware rules (floating promises, unsafe any, misused promises…) for the TypeScript sources.
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: ['**/*.ts', '**/*.tsx'] })),
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    // The emulator's own tests read its XML with a plain parser into `Loose` (tests/unit/emulator/
    // signed-fetch.ts), navigated by element name and checked by expect(): typing every reply would
    // restate the assertions. The rest of the type-aware rules still apply there.
    files: ['tests/unit/emulator/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The job index's API tests read /api's JSON loosely (`Body`, `Json`) and check it with expect():
    // the same reasoning as above. TODO: type them by the answers' own types (lib/ci/types, the index's).
    files: ['tests/unit/index/api.test.ts', 'tests/e2e/job-index.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
      'bench/out/**',
    ],
  },
  {
    plugins: { layout: { rules: { 'client-boundary': clientBoundary } } },
    rules: { 'layout/client-boundary': 'error' },
  },
  {
    files: ['features/**', 'components/**', 'lib/**'],
    rules: restrict(
      [
        SERVER,
        'The browser side and the shared model reach the server only through /api routes (server/ is server-only).',
      ],
      [EMULATOR, 'Only the backend wiring (server/ci/backend.ts) starts the emulator.'],
    ),
  },
  {
    files: ['lib/**'],
    rules: restrict(
      [SERVER, 'lib/ is the pure shared model: it imports nothing server-only.'],
      [EMULATOR, 'lib/ is the pure shared model: it knows nothing of the emulator.'],
      [BROWSER, 'lib/ is the pure shared model: it imports no feature, component or page.'],
      [REACT, 'lib/ is the pure shared model: no React, no Next.'],
    ),
  },
  {
    files: ['server/**'],
    ignores: ['server/ci/backend.ts', 'server/config/emulator.ts'],
    rules: restrict(
      [BROWSER, 'server/ never imports the browser side.'],
      [EMULATOR, 'Only the backend wiring (server/ci/backend.ts) starts the emulator.'],
      [['react', 'react-dom', 'react/*', 'react-dom/*'], 'server/ knows nothing of React.'],
    ),
  },
  {
    // The backend wiring starts the emulator; the config reads its settings with the emulator's own parsers.
    files: ['server/ci/backend.ts', 'server/config/emulator.ts'],
    rules: restrict([BROWSER, 'server/ never imports the browser side.']),
  },
  {
    files: ['emulator/**'],
    rules: restrict(
      [BROWSER, 'The emulator is the stand-in CI: it knows nothing of the dashboard.'],
      [REACT, 'The emulator knows nothing of React or Next.'],
    ),
  },
];

export default config;
