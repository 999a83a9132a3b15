import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJobsList } from '@/lib/ci/xml';

const seedXml = readFileSync(new URL('../../fixtures/seed-list-response.xml', import.meta.url), 'utf8');

describe('the seed page example, exactly as printed', () => {
  const page = parseJobsList(seedXml);
  it('maps to its two jobs', () => {
    console.log(JSON.stringify(page, null, 1));
    expect(page.jobs).toHaveLength(2);
  });
});
