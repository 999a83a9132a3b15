/**
 * The query of GET /api/jobs/all: the parameters of GET /jobs but `tag` (all of them are asked)
 * and `nextToken` (replaced by the combined `cursor`). Validated by the same rules as /api/jobs.
 */
import 'server-only';

import { ALL_TAGS_CURSOR_PATTERN, parseListJobsQuery, type ParseResult } from '@/lib/ci/params';

import type { AllTagsParams } from './all-tags';

export function parseAllTagsQuery(
  search: URLSearchParams,
): ParseResult<{ params: AllTagsParams; cursor: string | undefined }> {
  if (search.has('tag'))
    return {
      ok: false,
      error: { field: 'tag', message: 'tag is not taken here: this lists every tag; use /api/jobs?tag=… for one' },
    };
  if (search.has('nextToken'))
    return {
      ok: false,
      error: { field: 'nextToken', message: 'nextToken is not taken here; pass the cursor of the previous page' },
    };
  const cursors = search.getAll('cursor');
  if (cursors.length > 1)
    return { ok: false, error: { field: 'cursor', message: 'cursor must be given at most once' } };
  const cursor = cursors[0] || undefined;
  if (cursor !== undefined && !ALL_TAGS_CURSOR_PATTERN.test(cursor)) {
    return { ok: false, error: { field: 'cursor', message: 'cursor must be the cursor of a previous page' } };
  }
  const rest = new URLSearchParams([...search].filter(([k]) => k !== 'cursor'));
  rest.set('tag', 'Transcode'); // a stand-in so the shared rules check the other parameters
  const parsed = parseListJobsQuery(rest);
  if (!parsed.ok) return parsed;
  const params: AllTagsParams = { ...parsed.value };
  delete (params as { tag?: string }).tag;
  return { ok: true, value: { params, cursor } };
}
