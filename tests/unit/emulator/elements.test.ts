/**
 * Elements CI sends that the first emulator never did, at plausible rates, and what it no longer
 * invents (issue 15, items 6–8) — each read back through the dashboard's own parser, so the panels
 * get them: QueueType, SubTag, Input/CosHeaders, inline settings and Watermark[], FlashResult,
 * `-` and empty times, Message `Success` on unfinished jobs; no watermark on Animation, always one
 * on Watermark, failures that fit the tag, c/a/j id prefixes.
 */
import { describe, expect, it } from 'vitest';

import { createDataset, viewAt } from '@/emulator';
import { JobXmlCache } from '@/emulator/xml';
import { tagInfo } from '@/lib/ci/tags';
import type { Job } from '@/lib/ci/types';
import { parseJobLookup } from '@/server/ci/xml';

import { BASE } from './harness';

const dataset = createDataset({ baseTime: BASE });
const cache = new JobXmlCache(dataset);
const all = dataset.jobs.flatMap((record) => {
  const view = viewAt(record, BASE);
  if (!view) return [];
  const xml = cache.element(record, view).toString('utf8');
  const job = parseJobLookup(`<Response>${xml}</Response>`).jobs[0] as Job;
  return [{ record, view, xml, job }];
});
const share = (list: typeof all, test: (x: (typeof all)[number]) => boolean) =>
  list.filter(test).length / Math.max(1, list.length);

describe('emulated JobsDetail elements', () => {
  it('QueueType on every job, an empty SubTag on some', () => {
    expect(all.every(({ job, record }) => job.queueType === record.queueType)).toBe(true);
    expect(share(all, (x) => x.xml.includes('<SubTag></SubTag>'))).toBeGreaterThan(0.1);
  });

  it('Input/CosHeaders on workflow jobs only, read into the input', () => {
    const withHeaders = all.filter((x) => x.job.input!.cosHeaders.length > 0);
    expect(withHeaders.length).toBeGreaterThan(50);
    expect(withHeaders.every((x) => x.record.workflow)).toBe(true);
    expect(withHeaders[0]!.job.input!.cosHeaders[0]).toMatchObject({ key: 'Content-Type' });
  });

  it('inline settings instead of a template for a share of each templated media tag, inline Watermark[] too', () => {
    for (const [tag, element] of [
      ['Transcode', 'Transcode'],
      ['Animation', 'Animation'],
      ['Snapshot', 'Snapshot'],
      ['VideoMontage', 'VideoMontage'],
      ['VideoEnhance', 'VideoEnhance'],
    ] as const) {
      const ofTag = all.filter((x) => x.record.tag === tag);
      const inline = ofTag.filter((x) => x.job.operation!.config[element] !== undefined);
      expect(inline.length, tag).toBeGreaterThan(0);
      expect(
        inline.every((x) => x.job.operation!.templateId === null),
        tag,
      ).toBe(true);
      expect(
        share(ofTag, (x) => x.job.operation!.templateId !== null),
        tag,
      ).toBeGreaterThan(0.4);
    }
    expect(all.some((x) => x.job.operation!.config.Watermark !== undefined)).toBe(true);
  });

  it('a job failing on its TemplateId names a template', () => {
    const bad = all.filter((x) => x.view.state === 'Failed' && x.record.failure?.message.includes('TemplateId'));
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.every((x) => x.job.operation!.templateId)).toBe(true);
  });

  it('no watermark on Animation jobs; every Watermark job has one (template or inline)', () => {
    const animation = all.filter((x) => x.record.tag === 'Animation');
    expect(animation.every((x) => !/<Watermark(TemplateId)?>/.test(x.xml))).toBe(true);
    const watermark = all.filter((x) => x.record.tag === 'Watermark');
    expect(watermark.length).toBeGreaterThan(20);
    expect(watermark.every((x) => /<Watermark(TemplateId)?>/.test(x.xml))).toBe(true);
  });

  it('speech FlashResult with snake_case children on some recognitions, read as sentences', () => {
    const flash = all.filter((x) => x.xml.includes('<FlashResult>'));
    expect(flash.length).toBeGreaterThan(0);
    expect(flash[0]!.xml).toMatch(/<sentence_list><text>.+<\/text><start_time>\d+<\/start_time>/);
    const detail = flash[0]!.job.operation!.detail;
    expect(detail.kind === 'speech' && detail.speech!.sentences.length).toBeGreaterThan(0);
  });

  it('times not reached yet as `-` or empty, Message Success on some unfinished jobs', () => {
    const waiting = all.filter((x) => x.view.state === 'Submitted' || x.view.state === 'Pause');
    expect(waiting.some((x) => x.xml.includes('<StartTime>-</StartTime>'))).toBe(true);
    expect(waiting.some((x) => x.xml.includes('<StartTime></StartTime>'))).toBe(true);
    expect(waiting.every((x) => x.job.startTime === null && x.job.endTime === null)).toBe(true);
    expect(share(waiting, (x) => x.job.message === 'Success')).toBeGreaterThan(0.2);
  });

  it('failure messages fit the tag', () => {
    const failed = all.filter((x) => x.record.failure);
    for (const { record } of failed) {
      const msg = record.failure!.message;
      if (msg.includes('language pair')) expect(record.tag).toBe('Translation');
      if (msg.includes('video stream') || msg.includes('Decoding'))
        expect(tagInfo(record.tag)?.queueType).not.toBe('Speeching');
      if (msg.includes('input text')) expect(['Translation', 'WordsGeneralize', 'Tts']).toContain(record.tag);
      if (msg.includes('Speech recognition')) expect(record.tag).toBe('SpeechRecognition');
      if (record.tag === 'Tts') expect(msg).not.toMatch(/input object|input file/);
    }
    expect(failed.some((x) => x.record.tag === 'VideoTargetRec')).toBe(true);
  });

  it('ids: picture jobs c…, AI jobs a…, the rest j…', () => {
    for (const { record } of all) {
      const type = tagInfo(record.tag)?.queueType;
      expect(record.jobId[0]).toBe(type === 'PicProcess' ? 'c' : type === 'AIProcess' ? 'a' : 'j');
    }
  });
});
