import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import type { Job, Operation } from '@/lib/ci/types';
import { parseJobsList, parseJobsListFull, toListItem } from '@/server/ci/xml';

// The example response of shared/seed/ci-describe-media-jobs.txt, byte for byte: it is not well
// formed (a stray </Message> in each JobsDetail), as CI's documentation prints it.
const seedXml = readFileSync(new URL('../../fixtures/seed-list-response.xml', import.meta.url), 'utf8');

const commonOperation: Omit<Operation, 'mediaInfo' | 'mediaResult'> = {
  templateId: 't1460606b9752148c4ab182f55163ba7cd',
  templateName: null,
  watermarkTemplateIds: [
    't1318c5f428d474afba1797f84091cbe22',
    't1318c5f428d474afba1797f84091cbe23',
    't1318c5f428d474afba1797f84091cbe24',
  ],
  removeWatermark: { dx: 150, dy: 150, width: 75, height: 75 },
  digitalWatermark: {
    type: 'Text',
    message: '123456789ab',
    version: 'V1',
    ignoreError: false,
    state: 'Running',
    extra: {},
  },
  output: {
    bucket: 'test-123456789',
    region: 'ap-chongqing',
    object: 'output/out.mp4',
    spriteObject: null,
    auObject: null,
    bassObject: null,
    drumObject: null,
    streamExtract: [],
    extra: {},
  },
  userData: 'This is my data.',
  jobLevel: 0,
  config: {},
  detail: { kind: 'media' },
  extra: {},
};

const commonJob: Omit<Job, 'jobId' | 'state' | 'progress' | 'endTime' | 'operation'> = {
  tag: 'Transcode',
  subTag: null,
  code: 'Success',
  message: '', // the stray </Message> is read as an empty Message, as CI meant it
  creationTime: '2022-06-27T15:23:12+08:00',
  startTime: '2022-06-27T15:23:13+08:00',
  queueId: 'p2242ab62c7c94486915508540933a2c6',
  queueType: 'Transcoding',
  input: {
    bucket: 'test-123456789',
    region: 'ap-chongqing',
    object: 'input/demo.mp4',
    url: null,
    lang: null,
    type: null,
    cosHeaders: [],
    extra: {},
  },
  workflows: [],
  extra: {},
};

describe('the seed page example, exactly as printed', () => {
  const page = parseJobsListFull(seedXml);

  it('maps to its two jobs and the NextToken', () => {
    expect(page.jobs.map((j) => j.jobId)).toEqual([
      'j8d121820f5e411ec926ef19d53ba9c6f',
      'j9c0a4726f6ac11ec96aaa9b64ab18d00',
    ]);
    expect(page.nextToken).toBe('225508');
  });

  it('maps the running job with every field', () => {
    expect(page.jobs[0]).toEqual({
      ...commonJob,
      jobId: 'j8d121820f5e411ec926ef19d53ba9c6f',
      state: 'Running',
      progress: 30,
      endTime: null, // `-` in the XML
      operation: { ...commonOperation, mediaInfo: null, mediaResult: null },
    });
  });

  it('maps the finished job with every field, its MediaInfo streams and its output MD5', () => {
    expect(page.jobs[1]).toEqual({
      ...commonJob,
      jobId: 'j9c0a4726f6ac11ec96aaa9b64ab18d00',
      state: 'Success',
      progress: 100,
      endTime: '2022-06-27T15:24:33+08:00',
      operation: {
        ...commonOperation,
        mediaInfo: {
          format: {
            bitrateKbps: 834.736,
            durationSec: 13.654,
            formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
            formatLongName: 'QuickTime / MOV',
            numProgram: 0,
            numStream: 2,
            sizeBytes: 1424687,
            startTimeSec: 0,
            extra: {},
          },
          video: [
            {
              index: 0,
              codecName: 'h264',
              codecLongName: 'H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10',
              codecTagString: 'avc1',
              profile: 'High',
              level: '10',
              width: 544,
              height: 960,
              dar: null,
              sar: null,
              fps: 25,
              avgFps: 25,
              bitrateKbps: 763.774,
              pixFormat: 'yuv420p',
              colorRange: 'tv',
              colorTransfer: 'smpte170m',
              colorPrimaries: 'bt470bg',
              durationSec: 12.96,
              numFrames: 324,
              rotation: 0,
              hasBFrame: false,
              refFrames: 1,
              language: 'und',
              // fields the model does not name are kept, never dropped
              extra: { CodecTag: '0x31637661', CodecTimeBase: '1/12800', StartTime: '0.000000', Timebase: '1/12800' },
            },
          ],
          audio: [
            {
              index: 1,
              codecName: 'aac',
              codecLongName: 'AAC (Advanced Audio Coding)',
              codecTagString: 'mp4a',
              channels: 2,
              channelLayout: 'stereo',
              sampleRate: 44100,
              sampleFmt: 'fltp',
              bitrateKbps: 104.047,
              durationSec: 13.653311,
              language: 'und',
              extra: { CodecTag: '0x6134706d', CodecTimeBase: '1/44100', StartTime: '0.000000', Timebase: '1/44100' },
            },
          ],
          subtitle: [], // <Subtitle/>
          extra: {},
        },
        mediaResult: {
          outputFiles: [
            {
              bucket: 'test-123456789',
              region: 'ap-chongqing',
              objectNames: ['output/out.mp4'],
              objectPrefix: null,
              md5: [{ md5: '3df1f845d2ffd20a525a93ec40014d90', objectName: 'output/out.mp4' }],
              extra: {},
            },
          ],
          spriteOutputFiles: [],
          extra: {},
        },
      },
    });
  });

  it('reads the same in list mode: every field but the Operation, with its output', () => {
    const list = parseJobsList(seedXml);
    expect(list.nextToken).toBe('225508');
    expect(list.jobs).toEqual(page.jobs.map(toListItem));
    expect(list.jobs[1]?.output).toEqual({
      bucket: 'test-123456789',
      region: 'ap-chongqing',
      object: 'output/out.mp4',
    });
  });
});
