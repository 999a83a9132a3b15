import { describe, expect, it } from 'vitest';

import {
  parseErrorXml,
  parseJobLookup,
  parseJobsListFull as parseJobsList,
  parseJobsList as parseList,
  parseQueueList,
  XmlParseError,
} from '@/server/ci/xml';
import { toIsoTime, toNumber } from '@/server/ci/xml-reader';
import { repairXml } from '@/server/ci/xml-repair';

const job = (inner: string) =>
  `<Response><JobsDetail><JobId>j1</JobId>${inner}</JobsDetail><NextToken>7</NextToken></Response>`;

describe('XML quirks of ci-api-reference.md §6', () => {
  it('repairs a missing slash: <Tag>Translation<Tag>', () => {
    const page = parseJobsList(job('<Tag>Translation<Tag><State>Success</State>'));
    expect(page.jobs[0]).toMatchObject({ tag: 'Translation', state: 'Success' });
  });

  it('repairs a misspelt close: <MediaInfo></MeidaInfo>', () => {
    const page = parseJobsList(
      job(
        '<Tag>MediaInfo</Tag><Operation><MediaInfo><Format><Duration>1.5</Duration></Format></MeidaInfo></Operation>',
      ),
    );
    expect(page.jobs[0]?.operation?.mediaInfo?.format?.durationSec).toBe(1.5);
  });

  it('turns a stray close tag into an empty element and keeps its siblings in place', () => {
    expect(repairXml('<a><b>1</b></c><d>2</d></a>')).toBe('<a><b>1</b><c/><d>2</d></a>');
  });

  it('reads an empty list in every shape', () => {
    for (const xml of [
      '<Response><NextToken/></Response>',
      '<Response></Response>',
      '<Response><JobsDetail></JobsDetail><NextToken></NextToken></Response>',
    ]) {
      expect(parseJobsList(xml)).toEqual({ jobs: [], nextToken: null });
    }
  });

  it('reads one JobsDetail like many', () => {
    const one = parseJobsList(
      job('<Tag>Transcode</Tag><Operation><WatermarkTemplateId>t1</WatermarkTemplateId></Operation>'),
    );
    expect(one.jobs).toHaveLength(1);
    expect(one.jobs[0]?.operation?.watermarkTemplateIds).toEqual(['t1']);
  });

  it('keeps unknown elements at every level instead of dropping them', () => {
    const page = parseJobsList(
      job(
        '<Tag>Transcode</Tag><NewField>x</NewField><Input><Object>a</Object><Shiny>1</Shiny></Input><Operation><Future><A>1</A></Future></Operation>',
      ),
    );
    const j = page.jobs[0]!;
    expect(j.extra).toEqual({ NewField: 'x' });
    expect(j.input?.extra).toEqual({ Shiny: '1' });
    expect(j.operation?.extra).toEqual({ Future: { A: '1' } });
  });

  it('keeps a tag this build does not know, with its operation as a tree', () => {
    const j = parseJobsList(job('<Tag>HologramMagic</Tag><Operation><Hologram><Depth>3</Depth></Hologram></Operation>'))
      .jobs[0]!;
    expect(j.tag).toBe('HologramMagic');
    expect(j.queueType).toBeNull();
    expect(j.operation?.detail).toEqual({ kind: 'unknown' });
    expect(j.operation?.extra).toEqual({ Hologram: { Depth: '3' } });
  });

  it('decodes entities in values', () => {
    const j = parseJobsList(job('<Tag>Transcode</Tag><Input><Object>a&amp;b &lt;c&gt;.mp4</Object></Input>')).jobs[0]!;
    expect(j.input?.object).toBe('a&b <c>.mp4');
  });

  it('types numbers and times per field', () => {
    expect(toNumber('50/1')).toBe(50);
    expect(toNumber('30000/1001')).toBeCloseTo(29.97, 2);
    expect(toNumber('0.000000')).toBe(0);
    expect(toNumber('abc')).toBeNull();
    expect(toNumber('')).toBeNull();
    expect(toIsoTime('2022-08-09 14:54:17+0800')).toBe('2022-08-09T14:54:17+08:00');
    expect(toIsoTime('2022-08-09T14:54:17-0530')).toBe('2022-08-09T14:54:17-05:30');
    expect(toIsoTime('2022-08-09T14:54:17Z')).toBe('2022-08-09T14:54:17Z');
    expect(toIsoTime('-')).toBeNull();
    expect(toIsoTime('2022-13-45T99:00:00+0800')).toBeNull();
  });

  it('clamps progress and distinguishes "none reported" from 0', () => {
    const [a, b, c] = parseJobsList(
      '<Response><JobsDetail><JobId>a</JobId><Progress>0</Progress></JobsDetail><JobsDetail><JobId>b</JobId></JobsDetail><JobsDetail><JobId>c</JobId><Progress>140</Progress></JobsDetail></Response>',
    ).jobs;
    expect([a?.progress, b?.progress, c?.progress]).toEqual([0, null, 100]);
  });

  it('reads per-tag results: speech text and sentences (also FlashResult snake_case)', () => {
    const j = parseJobsList(
      job(
        '<Tag>SpeechRecognition</Tag><Operation><SpeechRecognitionResult><AudioTime>12.5</AudioTime><Result>hello world</Result>' +
          '<ResultDetail><FinalSentence>hello world</FinalSentence><StartMs>0</StartMs><EndMs>1200</EndMs><Words><Word>hello</Word><OffsetStartMs>0</OffsetStartMs><OffsetEndMs>500</OffsetEndMs></Words></ResultDetail>' +
          '<FlashResult><channel_id>0</channel_id><text>flash text</text><sentence_list><text>flash text</text><start_time>10</start_time><end_time>20</end_time></sentence_list></FlashResult>' +
          '</SpeechRecognitionResult></Operation>',
      ),
    ).jobs[0]!;
    const d = j.operation?.detail;
    expect(d?.kind).toBe('speech');
    if (d?.kind !== 'speech') return;
    expect(d.speech?.text).toEqual(['hello world']);
    expect(d.speech?.audioTimeSec).toBe(12.5);
    expect(d.speech?.sentences.map((s) => s.text)).toEqual(['hello world', 'flash text']);
    expect(d.speech?.sentences[0]?.words).toEqual([{ word: 'hello', startMs: 0, endMs: 500 }]);
  });

  it('reads the WordsGeneralizeLable spelling CI uses', () => {
    const d = parseJobsList(
      job(
        '<Tag>WordsGeneralize</Tag><Operation><WordsGeneralizeResult><WordsGeneralizeLable><Category>PER</Category><Word>Li</Word></WordsGeneralizeLable></WordsGeneralizeResult></Operation>',
      ),
    ).jobs[0]!.operation?.detail;
    expect(d).toMatchObject({ kind: 'words', words: { labels: [{ category: 'PER', word: 'Li' }] } });
  });

  it('reads a list page fast or strictly to the same result, and never reads a truncated one', () => {
    const xml = job(
      '<Tag>Transcode</Tag><State>Success</State><Operation><Output><Object>o.mp4</Object></Output><MediaInfo><Format/></MediaInfo></Operation>',
    );
    expect(parseList(xml).jobs[0]).toMatchObject({
      jobId: 'j1',
      tag: 'Transcode',
      output: { object: 'o.mp4', bucket: null, region: null },
    });
    expect(parseList(xml).jobs[0]).not.toHaveProperty('operation');
    expect(parseList(job('<Tag>Translation<Tag><State>Success</State>')).jobs[0]).toMatchObject({
      tag: 'Translation',
      state: 'Success',
    });
    expect(() => parseList(xml.slice(0, -20))).toThrow(XmlParseError);
    // A close tag missing inside is a documentation-style defect: the strict path repairs it.
    expect(parseList(xml.replace('</JobsDetail>', '')).jobs[0]).toMatchObject({ jobId: 'j1', state: 'Success' });
  });

  it('refuses what is not XML or cannot be repaired', () => {
    expect(() => parseJobsList('{"jobs": []}')).toThrow(XmlParseError);
    expect(() => parseJobsList('<Other/>')).toThrow(XmlParseError);
    expect(() => parseJobsList('<Response><JobsDetail><JobId>j1</Job')).toThrow(XmlParseError);
  });

  it('reads CI error documents and ignores other bodies', () => {
    expect(
      parseErrorXml(
        "<?xml version='1.0' encoding='utf-8' ?><Error><Code>SignatureDoesNotMatch</Code><Message>The Signature you specified is invalid.</Message><RequestId>NjM=</RequestId></Error>",
      ),
    ).toEqual({
      code: 'SignatureDoesNotMatch',
      message: 'The Signature you specified is invalid.',
      requestId: 'NjM=',
      resource: null,
    });
    expect(parseErrorXml('<html>Bad gateway</html>')).toBeNull();
    expect(parseErrorXml('not xml')).toBeNull();
  });

  it('reads a batch lookup with NonExistJobIds', () => {
    const r = parseJobLookup(
      '<Response><JobsDetail><JobId>j1</JobId></JobsDetail><NonExistJobIds>j2</NonExistJobIds><NonExistJobIds>j3</NonExistJobIds></Response>',
    );
    expect(r.jobs.map((j) => j.jobId)).toEqual(['j1']);
    expect(r.nonExistJobIds).toEqual(['j2', 'j3']);
  });

  it('reads queue lists', () => {
    const r = parseQueueList(
      '<Response><TotalCount>1</TotalCount><QueueList><QueueId>p1</QueueId><Name>main</Name><State>Active</State><MaxConcurrent>10</MaxConcurrent><Category>SpeedTranscoding</Category><CreateTime>2022-08-09T16:23:11+0800</CreateTime><NotifyConfig><Url>x</Url></NotifyConfig></QueueList></Response>',
      'Transcoding',
    );
    expect(r.queues).toEqual([
      {
        queueId: 'p1',
        name: 'main',
        state: 'Active',
        queueType: 'SpeedTranscoding',
        category: 'SpeedTranscoding',
        maxSize: null,
        maxConcurrent: 10,
        createTime: '2022-08-09T16:23:11+08:00',
        updateTime: null,
        extra: { NotifyConfig: { Url: 'x' } },
      },
    ]);
  });
});
