import { describe, expect, it } from 'vitest';

import {
  mediaInfoJobsHref,
  mediaInfoLookupQuery,
  mediaInfoTitle,
  mediaSummary,
} from '@/features/jobs/detail/media-summary';
import type { AudioStream, MediaInfo, VideoStream } from '@/lib/ci/types';
import { parseJobsQuery } from '@/lib/index-params';
import { jobsSearchParams, validateView, type JobsView } from '@/lib/jobs-search-params';

const video = (over: Partial<VideoStream>): VideoStream =>
  ({ index: 0, codecName: 'h264', width: 1280, height: 720, extra: {}, ...over }) as VideoStream;
const audio = (over: Partial<AudioStream>): AudioStream =>
  ({ index: 1, codecName: 'aac', extra: {}, ...over }) as AudioStream;
const info = (over: Partial<MediaInfo>): MediaInfo => ({
  format: null,
  video: [],
  audio: [],
  subtitle: [],
  extra: {},
  ...over,
});

describe('whose media info', () => {
  it('a MediaInfo job describes its input; every other tag its output', () => {
    expect(mediaInfoTitle('MediaInfo')).toBe('Input media info');
    expect(mediaInfoTitle('Transcode')).toBe('Output media info');
    expect(mediaInfoTitle('Animation')).toBe('Output media info');
  });

  it('sums a stream set up in the words compared at a glance', () => {
    expect(
      mediaSummary(info({ video: [video({ codecName: 'hevc', width: 1920, height: 1080 })], audio: [audio({})] })),
    ).toBe('hevc 1920×1080 · aac');
    expect(mediaSummary(info({ video: [video({ width: null })] }))).toBe('h264');
    expect(mediaSummary(info({ audio: [audio({ codecName: 'mp3' })] }))).toBe('mp3');
    expect(mediaSummary(info({}))).toBe('no streams reported');
  });

  it('links to the MediaInfo jobs on the input, a view the list accepts, in the same bucket', () => {
    const key = 'in/视频 a+b.mp4';
    const href = mediaInfoJobsHref(key, 'other-125');
    const search = new URL(href, 'http://x').searchParams;
    expect(new URL(href, 'http://x').pathname).toBe('/jobs');
    expect(search.get('tag')).toBe('MediaInfo');
    expect(search.get('input')).toBe(key);
    expect(search.get('bucket')).toBe('other-125');
    const view = Object.fromEntries(
      Object.entries(jobsSearchParams).map(([k, parser]) => [k, parser.parseServerSide(search.get(k) ?? undefined)]),
    ) as JobsView;
    const { query, issues } = validateView(view);
    expect(issues).toEqual([]);
    expect(new URLSearchParams(query!).get('inputObject')).toBe(key);
    expect(mediaInfoJobsHref(key, '')).not.toContain('bucket=');
  });

  it('finds the newest successful one with a single list request /api/jobs accepts', () => {
    const query = mediaInfoLookupQuery('in/a.mp4', '');
    const parsed = parseJobsQuery(new URLSearchParams(query));
    expect(parsed.ok && parsed.value.ci).toMatchObject({
      tag: 'MediaInfo',
      inputObject: 'in/a.mp4',
      states: ['Success'],
      size: 1,
    });
    expect(parsed.ok && parsed.value.needsIndex).toBe(false);
    expect(mediaInfoLookupQuery('in/a.mp4', 'b-1')).toMatch(/^bucket=b-1&tag=MediaInfo&/);
  });
});
