/**
 * Whose media a job's "Media info" describes, and where the other side is: a MediaInfo job probes
 * its input; every other tag (Transcode, Animation, …) reports what it wrote. The input of a
 * Transcode job is described by MediaInfo jobs on the same input object, which CI's GET /jobs finds
 * by `inputObject` (exact match, reference §2.1): the link lists them all, and the newest
 * successful one gives the one-line summary shown beside the output's. Browser-safe and pure.
 */
import type { MediaInfo } from '@/lib/ci/types';

export const MEDIA_INFO_TAG = 'MediaInfo';

/** The section's title: whose media it is. */
export function mediaInfoTitle(tag: string): string {
  return tag === MEDIA_INFO_TAG ? 'Input media info' : 'Output media info';
}

/** One line a person compares at a glance: `hevc 1920×1080 · aac`, `aac` (audio only), `mp3`. */
export function mediaSummary(info: MediaInfo): string {
  const video = info.video[0];
  const audio = info.audio[0];
  const parts: string[] = [];
  if (video) {
    const size = video.width && video.height ? ` ${video.width}×${video.height}` : '';
    parts.push(`${video.codecName ?? 'video'}${size}`);
  }
  if (audio) parts.push(audio.codecName ?? 'audio');
  if (parts.length === 0) return info.format?.formatName ?? 'no streams reported';
  return parts.join(' · ');
}

/** The list of the MediaInfo jobs on this input object (the /jobs keys of lib/jobs-search-params). */
export function mediaInfoJobsHref(inputObject: string, bucket: string): string {
  const search = new URLSearchParams({ tag: MEDIA_INFO_TAG, input: inputObject });
  if (bucket) search.set('bucket', bucket);
  return `/jobs?${search.toString()}`;
}

/**
 * The one list request that finds the newest successful MediaInfo job on this input: the GET
 * /api/jobs query (its bucket first, as validated list queries carry it).
 */
export function mediaInfoLookupQuery(inputObject: string, bucket: string): string {
  return new URLSearchParams([
    ...(bucket ? [['bucket', bucket]] : []),
    ['tag', MEDIA_INFO_TAG],
    ['inputObject', inputObject],
    ['states', 'Success'],
    ['size', '1'],
  ]).toString();
}
