import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';

import type { JobListItem } from '@/lib/ci/types';
import { exportFileName, fileStamp, queryFilters, type JobsExportMeta } from '@/lib/export/export-meta';
import { CSV_BOM, CSV_COLUMNS, csvField, durationSeconds, isoUtc, jobsToCsv } from '@/lib/export/jobs-csv';
import { jobsToJson, type JobsExportDocument } from '@/lib/export/jobs-json';
import { queueLabel, queueNames } from '@/lib/queue-label';

function job(over: Partial<JobListItem> = {}): JobListItem {
  return {
    jobId: 'j0123456789abcdef0123456789abcdef',
    tag: 'Transcode',
    subTag: null,
    state: 'Success',
    progress: 100,
    code: 'Success',
    message: null,
    creationTime: '2026-11-25T16:13:10+08:00',
    startTime: '2026-11-25T16:13:11+08:00',
    endTime: '2026-11-25T16:15:41+08:00',
    queueId: 'p0123',
    queueType: 'Transcoding',
    input: {
      bucket: 'examplebucket-1250000000',
      region: 'ap-guangzhou',
      object: 'in/a.mp4',
      url: null,
      lang: null,
      type: null,
      cosHeaders: [],
      extra: {},
    },
    output: { bucket: 'examplebucket-1250000000', region: 'ap-guangzhou', object: 'out/a.mp4' },
    workflows: [],
    extra: {},
    ...over,
  };
}

/** Reads a CSV the way a spreadsheet tool would: papaparse, not our own code. */
function parse(csv: string): string[][] {
  expect(csv.startsWith(CSV_BOM)).toBe(true);
  const result = Papa.parse<string[]>(csv.slice(1), { delimiter: ',', newline: '\r\n', skipEmptyLines: false });
  expect(result.errors).toEqual([]);
  const rows = result.data;
  // The file ends with CRLF: papaparse reads that as one empty last row.
  expect(rows.at(-1)).toEqual(['']);
  return rows.slice(0, -1);
}

describe('csvField', () => {
  it('quotes only fields with a comma, quote, CR or LF, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('')).toBe('');
    expect(csvField(null)).toBe('');
  });

  it('writes numbers as they are, and nothing for a number that is not finite', () => {
    expect(csvField(42.5)).toBe('42.5');
    expect(csvField(0)).toBe('0');
    expect(csvField(Number.NaN)).toBe('');
  });

  it.each(['=1+2', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")'])(
    'guards %j against formula injection',
    (text) => {
      const field = csvField(text);
      const [[cell]] = Papa.parse<string[]>(field, { delimiter: ',' }).data as [[string]];
      expect(cell).toBe(`'${text}`);
    },
  );

  it('quotes a cell with ";" or a tab, so a spreadsheet splitting on them cannot run what follows as a formula', () => {
    expect(csvField('a;=1+2')).toBe('"a;=1+2"');
    expect(csvField('a\t=1+2')).toBe('"a\t=1+2"');
    for (const delimiter of [';', '\t']) {
      const [[cell]] = Papa.parse<string[]>(csvField(`in;x\t=HYPERLINK("http://x")`), { delimiter }).data as [[string]];
      expect(cell).toBe('in;x\t=HYPERLINK("http://x")');
    }
  });

  it('leaves text that merely contains those characters alone', () => {
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('in/a-b+c@d.mp4')).toBe('in/a-b+c@d.mp4');
  });
});

describe('queue names in the CSV', () => {
  it('writes queueName beside queueId, from the listing, and leaves it empty for an unnamed or unknown queue', () => {
    const names = new Map([['p0123', 'mts-default']]);
    const rows = parse(
      jobsToCsv([job(), job({ jobId: 'j2', queueId: 'p9' }), job({ jobId: 'j3', queueId: null })], names),
    );
    const header = rows[0]!;
    expect(header.indexOf('queueName')).toBe(header.indexOf('queueId') + 1);
    const at = (row: string[], h: string) => row[header.indexOf(h)];
    expect(at(rows[1]!, 'queueId')).toBe('p0123');
    expect(at(rows[1]!, 'queueName')).toBe('mts-default');
    expect(at(rows[2]!, 'queueName')).toBe('');
    expect(at(rows[3]!, 'queueName')).toBe('');
    // A queue name is the user's text, guarded as every text cell is.
    const hostile = parse(jobsToCsv([job()], new Map([['p0123', '=HYPERLINK("x")']])));
    expect(at(hostile[1]!, 'queueName')).toBe(`'=HYPERLINK("x")`);
  });

  it('matches the queue labels the rest of the dashboard writes', () => {
    const names = queueNames([
      { queueId: 'p1', name: 'mts-default' },
      { queueId: 'p2', name: null },
    ]);
    expect(queueLabel('p1', names)).toBe('mts-default (p1)');
    expect(queueLabel('p2', names)).toBe('p2');
    expect(queueLabel(null, names)).toBe('—');
  });
});

describe('jobsToCsv', () => {
  it('starts with a UTF-8 BOM, ends records with CRLF, and has one header row then one row per job', () => {
    const csv = jobsToCsv([job(), job({ jobId: 'j2' })]);
    expect(csv.startsWith('\uFEFFjobId,tag,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '').includes('\n')).toBe(false);
    const rows = parse(csv);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual(CSV_COLUMNS.map((c) => c.header));
    expect(rows.slice(1).map((r) => r[0])).toEqual(['j0123456789abcdef0123456789abcdef', 'j2']);
  });

  it('encodes Chinese object keys as UTF-8 behind the BOM', () => {
    const csv = jobsToCsv([job({ input: { ...job().input!, object: '视频/测试 一.mp4' } })]);
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const row = parse(csv)[1]!;
    expect(row[CSV_COLUMNS.findIndex((c) => c.header === 'inputObject')]).toBe('视频/测试 一.mp4');
  });

  it('round-trips hostile text through a real CSV parser: quotes, commas, line breaks, formulas', () => {
    const message = 'bad "input", see\r\nline 2\nline 3';
    const object = '=cmd|" /C calc"!A0,x.mp4';
    const rows = parse(
      jobsToCsv([job({ state: 'Failed', code: 'InvalidInput', message, input: { ...job().input!, object } })]),
    );
    const row = rows[1]!;
    const at = (h: string) => row[CSV_COLUMNS.findIndex((c) => c.header === h)];
    expect(row).toHaveLength(CSV_COLUMNS.length);
    expect(at('message')).toBe(message);
    expect(at('inputObject')).toBe(`'${object}`);
    expect(at('code')).toBe('InvalidInput');
  });

  it('flattens times to UTC, the duration of a finished job, the output and the workflow', () => {
    const row = parse(
      jobsToCsv([
        job({
          workflows: [{ runId: 'r1', workflowId: 'w1', workflowName: 'HLS', name: 'Transcode_1' }],
          subTag: 'DNA',
        }),
      ]),
    )[1]!;
    const record = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c.header, row[i]]));
    expect(record).toMatchObject({
      jobId: 'j0123456789abcdef0123456789abcdef',
      tag: 'Transcode',
      subTag: 'DNA',
      state: 'Success',
      progress: '100',
      code: 'Success',
      message: '',
      queueId: 'p0123',
      queueType: 'Transcoding',
      inputBucket: 'examplebucket-1250000000',
      inputObject: 'in/a.mp4',
      creationTime: '2026-11-25T08:13:10Z',
      startTime: '2026-11-25T08:13:11Z',
      endTime: '2026-11-25T08:15:41Z',
      durationSeconds: '150',
      outputObject: 'out/a.mp4',
      workflowId: 'w1',
      workflowName: 'HLS',
      workflowRunId: 'r1',
      workflowNode: 'Transcode_1',
    });
  });

  it('leaves empty what a job does not have: no end while running, no input, no output, no progress', () => {
    const row = parse(
      jobsToCsv([job({ state: 'Running', endTime: null, progress: null, input: null, output: null })]),
    )[1]!;
    const record = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c.header, row[i]]));
    expect(record).toMatchObject({
      endTime: '',
      durationSeconds: '',
      progress: '',
      inputObject: '',
      outputObject: '',
      outputBucket: '',
    });
  });

  it('joins several workflow runs with "; "', () => {
    const row = parse(
      jobsToCsv([
        job({
          workflows: [
            { runId: 'r1', workflowId: 'w1', workflowName: null, name: null },
            { runId: 'r2', workflowId: 'w2', workflowName: null, name: null },
          ],
        }),
      ]),
    )[1]!;
    expect(row[CSV_COLUMNS.findIndex((c) => c.header === 'workflowId')]).toBe('w1; w2');
  });
});

describe('times and durations', () => {
  it('isoUtc converts any offset to UTC, and keeps text it cannot read', () => {
    expect(isoUtc('2022-06-27T15:23:12+08:00')).toBe('2022-06-27T07:23:12Z');
    expect(isoUtc('2022-06-27T15:23:12+0800')).toBe('2022-06-27T07:23:12Z');
    expect(isoUtc('not a time')).toBe('not a time');
    expect(isoUtc(null)).toBeNull();
  });

  it('durationSeconds needs both ends in order', () => {
    expect(durationSeconds({ startTime: '2026-01-01T00:00:00Z', endTime: '2026-01-01T00:00:01.5Z' })).toBe(1.5);
    expect(durationSeconds({ startTime: '2026-01-01T00:00:00Z', endTime: null })).toBeNull();
    expect(durationSeconds({ startTime: '2026-01-01T00:00:02Z', endTime: '2026-01-01T00:00:01Z' })).toBeNull();
  });
});

const AT = Date.UTC(2026, 10, 25, 18, 30, 12);
const meta = (over: Partial<JobsExportMeta> = {}): JobsExportMeta => ({
  scope: 'matching',
  query: 'tag=Transcode&states=Failed&orderByTime=Desc&size=20',
  at: AT,
  complete: true,
  ...over,
});

describe('jobsToJson', () => {
  it('is a header and the jobs exactly as the API gave them', () => {
    const jobs = [job(), job({ jobId: 'j2', state: 'Failed', message: '=1+2 "x"' })];
    const doc = JSON.parse(jobsToJson(jobs, meta())) as JobsExportDocument;
    expect(doc).toEqual({
      exportedAt: '2026-11-25T18:30:12Z',
      scope: 'matching',
      filters: { tag: 'Transcode', states: 'Failed', orderByTime: 'Desc' },
      count: 2,
      complete: true,
      jobs,
    });
    expect(Object.keys(doc)).toEqual(['exportedAt', 'scope', 'filters', 'count', 'complete', 'jobs']);
  });

  it('says when it is incomplete, and names all tags', () => {
    const doc = JSON.parse(
      jobsToJson([], meta({ query: 'states=Failed&orderByTime=Asc&size=100', complete: false, scope: 'list' })),
    ) as JobsExportDocument;
    expect(doc).toMatchObject({
      scope: 'list',
      filters: { tag: 'all', states: 'Failed', orderByTime: 'Asc' },
      count: 0,
      complete: false,
      jobs: [],
    });
  });
});

describe('file names', () => {
  it('name the tag, the states, the time in UTC and the format', () => {
    expect(fileStamp(AT)).toBe('2026-11-25T1830Z');
    expect(exportFileName(meta(), 'csv')).toBe('ci-jobs_Transcode_Failed_2026-11-25T1830Z.csv');
    expect(exportFileName(meta({ query: 'tag=Snapshot&orderByTime=Desc' }), 'json')).toBe(
      'ci-jobs_Snapshot_2026-11-25T1830Z.json',
    );
    expect(exportFileName(meta({ query: 'states=Failed%2CRunning&orderByTime=Desc' }), 'csv')).toBe(
      'ci-jobs_all-tags_Failed+Running_2026-11-25T1830Z.csv',
    );
  });

  it('mark the rows on screen and a partial file', () => {
    expect(exportFileName(meta({ scope: 'list' }), 'csv')).toBe('ci-jobs_Transcode_Failed_list_2026-11-25T1830Z.csv');
    expect(exportFileName(meta({ complete: false }), 'json')).toBe(
      'ci-jobs_Transcode_Failed_2026-11-25T1830Z_partial.json',
    );
  });

  it('keep only safe characters whatever the query holds', () => {
    expect(exportFileName(meta({ query: 'tag=..%2F..%2Fx%3A%2A&states=a%2Fb' }), 'csv')).toMatch(
      /^ci-jobs_[A-Za-z0-9.+-]+_[A-Za-z0-9.+-]+_2026-11-25T1830Z\.csv$/,
    );
  });

  it('queryFilters drops paging and page size', () => {
    expect(queryFilters('tag=Transcode&size=100&nextToken=abc&workflowId=w1')).toEqual({
      tag: 'Transcode',
      workflowId: 'w1',
    });
    expect(queryFilters('cursor=abc&orderByTime=Asc')).toEqual({ tag: 'all', orderByTime: 'Asc' });
  });
});
