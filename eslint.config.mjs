import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/**
 * Next's rules plus the import boundaries of the architecture (docs in README, "Layout"):
 * the browser side never imports the CI client or the emulator; lib/ci never imports React.
 */
const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', 'bench/out/**'],
  },
  {
    files: ['components/**', 'app/**/*.tsx', 'lib/api/**', 'lib/format.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib/ci/client', '@/lib/ci/backend', '@/lib/ci/config', '@/lib/ci/credentials', '@/lib/ci/xml*', '@/lib/emulator*', '@/lib/emulator/**'],
              message: 'Pages and components reach CI only through /api/* routes.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['app/jobs/**/page.tsx', 'app/overview/page.tsx', 'app/triage/page.tsx', 'app/layout.tsx'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['lib/ci/**', 'lib/emulator/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['react', 'react-dom', 'next/*'], message: 'The CI protocol and the emulator know nothing of React or Next.' }] }],
    },
  },
];

export default config;
