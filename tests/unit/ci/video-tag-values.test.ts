/**
 * VideoTag values as CI sends them (0–1 confidences, `label: score` frames, 0–1 boxes, empty
 * PersonTags and action Tags) read and formatted as the panel shows them: the panel used to print
 * `${confidence}%`, which turns CI's 0.59 into "0.59%".
 */
import { afterAll, describe, expect, it } from 'vitest';

import { startEmulator, viewAt } from '@/emulator';
import { confidenceScale, formatConfidence } from '@/lib/format';
import { parseJobLookup } from '@/server/ci/xml';

import { emulatorCiClient } from '../../support/emulator-client';

const now = Date.now();
const emulator = await startEmulator({ port: 0, now: () => now });
afterAll(() => emulator.close());
const client = emulatorCiClient(emulator, { CI_CACHE_TTL_MS: '0' });

/** Tencent's VideoTag callback example (436/49081), trimmed. */
const OFFICIAL = `<Response><JobsDetail><Code>Success</Code><JobId>j535b10a4f8e211ec9452c1c27f56a659</JobId>
<Message>Success</Message><State>Success</State><Tag>VideoTag</Tag><Operation><VideoTag><Scenario>Stream</Scenario></VideoTag>
<VideoTagResult><StreamData><Data><ActionTags><EndTime>11</EndTime><StartTime>0</StartTime><Tags><Confidence>0.421531</Confidence>
<Tag>Speak</Tag><TagCls>Speak</TagCls></Tags></ActionTags><ActionTags><EndTime>12.88</EndTime><StartTime>11.04</StartTime><Tags/></ActionTags>
<ObjectTags><Objects><BBox><X1>0.10181817412376404</X1><X2>0.8069194555282593</X2><Y1>0.6880248785018921</Y1><Y2>0.8779844045639038</Y2></BBox>
<Confidence>0.808393</Confidence><Name>Keyboard</Name></Objects><TimeStamp>11</TimeStamp></ObjectTags><PersonTags/>
<PlaceTags><ClipFrameResult>Office: 0.55</ClipFrameResult><ClipFrameResult>Office: 0.59</ClipFrameResult><EndTime>12.88</EndTime>
<StartTime>0</StartTime><Tags><Confidence>0.59</Confidence><Tag>Office</Tag><TagCls>Office</TagCls></Tags></PlaceTags>
<Tags><Confidence>0.59</Confidence><Tag>Office</Tag><TagCls>Place</TagCls></Tags></Data><SubErrCode>0</SubErrCode><SubErrMsg>ok</SubErrMsg>
</StreamData></VideoTagResult></Operation></JobsDetail></Response>`;

describe('VideoTag values', () => {
  it('formats confidences on the scale they come in', () => {
    expect(formatConfidence(0.421531, confidenceScale([0.421531, 0.808393]))).toBe('42.2 %');
    expect(formatConfidence(0.59, confidenceScale([0.59]))).toBe('59 %');
    expect(formatConfidence(86, confidenceScale([86, 83]))).toBe('86 %');
    expect(formatConfidence(1, confidenceScale([1, 0.5]))).toBe('100 %');
    expect(formatConfidence(null, 1)).toBe('—');
  });

  it("reads CI's own example: tags, actions (one with nothing recognised), objects, places, empty PersonTags", () => {
    const detail = parseJobLookup(OFFICIAL).jobs[0]!.operation!.detail;
    expect(detail.kind).toBe('video-tag');
    const r = detail.kind === 'video-tag' ? detail.videoTag! : null;
    expect(r).toMatchObject({ subErrCode: '0', subErrMsg: 'ok', persons: [] });
    expect(r!.tags).toEqual([{ tag: 'Office', tagCls: 'Place', confidence: 0.59 }]);
    expect(r!.actions).toEqual([
      { startSec: 0, endSec: 11, tags: [{ tag: 'Speak', tagCls: 'Speak', confidence: 0.421531 }] },
      { startSec: 11.04, endSec: 12.88, tags: [] },
    ]);
    expect(r!.objects).toEqual([{ timeSec: 11, name: 'Keyboard', confidence: 0.808393 }]);
    expect(r!.places[0]!.frames).toEqual(['Office: 0.55', 'Office: 0.59']);
  });

  it('the emulator sends the same shapes, and they format as percentages between 0 and 100', async () => {
    const jobs = emulator.dataset.jobs.filter((j) => j.tag === 'VideoTag' && viewAt(j, now)?.state === 'Success');
    expect(jobs.length).toBeGreaterThan(5);
    let emptyPersons = 0;
    let emptyActions = 0;
    for (const job of jobs.slice(0, 20)) {
      const found = await client.getJob(job.jobId);
      expect(found?.xml).toContain('<SubErrMsg>ok</SubErrMsg>');
      if (found?.xml.includes('<PersonTags></PersonTags>')) emptyPersons++;
      const detail = found!.job.operation!.detail;
      const r = detail.kind === 'video-tag' ? detail.videoTag! : null;
      const values = [...r!.tags, ...r!.actions.flatMap((a) => a.tags)].map((t) => t.confidence);
      expect(values.every((v) => v !== null && v > 0 && v < 1)).toBe(true);
      expect(confidenceScale(values)).toBe(1);
      for (const v of values) expect(Number.parseFloat(formatConfidence(v, 1))).toBeGreaterThan(1);
      for (const frame of r!.places.flatMap((p) => p.frames)) expect(frame).toMatch(/^.+: 0\.\d\d$/);
      for (const box of found!.xml.matchAll(/<X1>([^<]+)<\/X1>/g)) expect(Number(box[1])).toBeLessThanOrEqual(1);
      if (r!.actions.some((a) => a.tags.length === 0)) emptyActions++;
    }
    expect(emptyPersons).toBeGreaterThan(0);
    expect(emptyActions).toBeGreaterThan(0);
  });
});
