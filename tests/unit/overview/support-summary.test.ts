import { describe, expect, it } from 'vitest';

import { groupFailures } from '@/features/overview/aggregate';
import {
  describeInput,
  GROUP_SUMMARY_JOBS,
  groupSupportSummary,
  jobSupportSummary,
  REQUEST_ID_NOTE,
} from '@/features/triage/support-summary';
import type { JobListItem } from '@/lib/ci/types';

function failed(n: number, code = 'ResourceNotFound'): JobListItem {
  return {
    jobId: `j${String(n).padStart(32, 'a')}`,
    tag: 'Transcode',
    subTag: null,
    state: 'Failed',
    progress: 0,
    code,
    message: 'The input object does not exist.',
    creationTime: '2026-11-25T16:13:10+08:00',
    startTime: '2026-11-25T16:13:12+08:00',
    endTime: '2026-11-25T16:13:15+08:00',
    queueId: 'p0123',
    queueType: 'Transcoding',
    input: {
      bucket: 'demo-1250000000',
      region: 'ap-guangzhou',
      object: 'in/a b.mp4',
      url: null,
      lang: null,
      type: null,
      cosHeaders: [],
      extra: {},
    },
    workflows: [],
    extra: {},
    output: null,
  };
}

describe('support summaries', () => {
  it('one job: ID, code, message, input, queue, UTC times, the RequestId note and a link back', () => {
    const text = jobSupportSummary(failed(1), { origin: 'https://dash.example' });
    const id = failed(1).jobId;
    expect(text).toContain(`Job ID: ${id}`);
    expect(text).toContain('Code: ResourceNotFound');
    expect(text).toContain('Message: The input object does not exist.');
    expect(text).toContain('Input: in/a b.mp4 (demo-1250000000, ap-guangzhou)');
    expect(text).toContain('Queue: p0123, type Transcoding');
    expect(text).toContain('Created: 2026-11-25T08:13:10Z');
    expect(text).toContain('Started: 2026-11-25T08:13:12Z');
    expect(text).toContain('Ended: 2026-11-25T08:13:15Z');
    expect(text).toContain(`RequestId: ${REQUEST_ID_NOTE}`);
    expect(text).toContain('Meaning: The input object does not exist');
    expect(text).toContain(`Dashboard: https://dash.example/jobs/${id}`);
  });

  it('a group lists every job ID, and the first jobs in full', () => {
    const jobs = Array.from({ length: GROUP_SUMMARY_JOBS + 3 }, (_, i) => failed(i));
    const [group] = groupFailures(jobs);
    const text = groupSupportSummary(group!, { origin: 'http://x', scope: 'Tag all · Created 24h' });
    expect(text).toMatch(/^CI job failures with code ResourceNotFound: 23 jobs/);
    expect(text).toContain('Scope: Tag all · Created 24h');
    for (const j of jobs) expect(text).toContain(j.jobId);
    expect(text.match(/^Job ID: /gm)).toHaveLength(GROUP_SUMMARY_JOBS);
    expect(text).toContain('… and 3 more');
  });

  it('names each queue beside its ID when the queue listing knows it, the ID alone otherwise', () => {
    const names = new Map([['p0123', 'mts-default']]);
    const one = jobSupportSummary(failed(1), { origin: 'https://dash.example', queueNames: names });
    expect(one).toContain('Queue: mts-default (p0123), type Transcoding');
    const jobs = [failed(1), { ...failed(2), queueId: 'p9999' }, { ...failed(3), queueId: null }];
    const [group] = groupFailures(jobs);
    const text = groupSupportSummary(group!, { origin: 'http://x', queueNames: names });
    expect(text).toMatch(/^Queues: .*mts-default \(p0123\) ×1/m);
    expect(text).toMatch(/^Queues: .*p9999 ×1/m);
    expect(text).toMatch(/^Queues: .*— ×1/m);
    expect(text).not.toContain('(p9999)');
    expect(text.match(/^Queue: mts-default \(p0123\), type Transcoding$/gm)).toHaveLength(1);
    // Without the listing (not loaded, or refused) the IDs stand alone.
    expect(jobSupportSummary(failed(1), { origin: 'http://x' })).toContain('Queue: p0123, type Transcoding');
  });

  it('says when there is no input rather than inventing one', () => {
    expect(describeInput({ ...failed(1), input: null })).toBe('—');
    expect(describeInput({ ...failed(1), input: { ...failed(1).input!, object: null, url: 'https://x/y.mp4' } })).toBe(
      'https://x/y.mp4 (demo-1250000000, ap-guangzhou)',
    );
  });
});
