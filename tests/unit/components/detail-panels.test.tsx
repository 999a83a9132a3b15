/**
 * Detail panels rendered from real job-model objects: CI's XML (the documentation's example
 * response, and per-tag results as CI's reference gives them) read by server/ci/xml.ts, exactly as
 * the route handler reads it, then handed to the panel the registry would pick.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { MediaPanel } from '@/features/jobs/detail/panels/media-panel';
import { SnapshotPanel } from '@/features/jobs/detail/panels/snapshot-panel';
import { SpeechPanel } from '@/features/jobs/detail/panels/speech-panel';
import type { DetailKind, DetailOf } from '@/features/jobs/detail/panels/types';
import type { Job, Operation } from '@/lib/ci/types';
import { parseJobsListFull } from '@/server/ci/xml';

// A path, not a URL: in jsdom `URL` is the DOM's, which node:fs does not take.
const here = path.dirname(fileURLToPath(import.meta.url));
const seedXml = readFileSync(path.join(here, '../../fixtures/seed-list-response.xml'), 'utf8');

const list = (inner: string) =>
  `<Response><JobsDetail><JobId>j1</JobId><State>Success</State><Progress>100</Progress>` +
  `<CreationTime>2026-11-25T10:00:00+0800</CreationTime><QueueId>p1</QueueId>${inner}</JobsDetail>` +
  `<NextToken></NextToken></Response>`;

/** The job, its operation and its detail of the expected family (a different family fails here). */
function parsed<K extends DetailKind>(xml: string, kind: K, index = 0) {
  const job: Job | undefined = parseJobsListFull(xml).jobs[index];
  const operation: Operation | undefined = job?.operation ?? undefined;
  if (!job || !operation) throw new Error('no job with an operation in the XML');
  expect(operation.detail.kind).toBe(kind);
  return { job, operation, detail: operation.detail as DetailOf<K> };
}

/** The value a panel's field list gives for a label. */
function field(section: HTMLElement, label: string): string {
  const dt = within(section)
    .getAllByRole('term')
    .find((el) => el.textContent === label);
  if (!dt) throw new Error(`no field "${label}"`);
  return dt.nextElementSibling?.textContent ?? '';
}

describe('detail panels from parsed CI XML', () => {
  it('Transcode (the documentation example): output, files produced and the media format', async () => {
    const props = parsed(seedXml, 'media', 1);
    expect(props.job.state).toBe('Success');
    render(<MediaPanel {...props} />);
    const panel = screen.getByRole('region', { name: 'Transcode result' });
    expect(field(panel, 'Output')).toContain('output/out.mp4');
    expect(field(panel, 'Files produced')).toBe('1');
    expect(field(panel, 'Container')).toBe('mov,mp4,m4a,3gp,3g2,mj2');
    expect(field(panel, 'Duration')).toBe('0:13.65');
    expect(field(panel, 'Size')).toBe('1.4 MB');
    expect(field(panel, 'Bitrate')).toBe('835 kb/s');

    // The output object's copy button puts it on the clipboard and says so.
    const user = userEvent.setup();
    await user.click(within(panel).getByRole('button', { name: 'Copy output object' }));
    expect(await navigator.clipboard.readText()).toBe('output/out.mp4');
    expect(within(panel).getByRole('status').textContent).toBe('Copied');
  });

  it('Transcode still running: says there is no output yet', () => {
    const props = parsed(seedXml, 'media', 0);
    render(<MediaPanel {...props} />);
    expect(screen.getByRole('region', { name: 'Transcode result' }).textContent).toContain(
      'No output yet: the job is Running.',
    );
  });

  it('SpeechRecognition: the text, the audio length, objects and each sentence with its timing', () => {
    const props = parsed(
      list(
        '<Tag>SpeechRecognition</Tag><Operation><SpeechRecognitionResult><AudioTime>12.5</AudioTime>' +
          '<Result>hello world</Result><ObjectName>asr/out.txt</ObjectName>' +
          '<ResultDetail><FinalSentence>hello world</FinalSentence><StartMs>0</StartMs><EndMs>1200</EndMs><SpeakerId>0</SpeakerId></ResultDetail>' +
          '<ResultDetail><FinalSentence>second line</FinalSentence><StartMs>1500</StartMs><EndMs>3250</EndMs><SpeakerId>1</SpeakerId></ResultDetail>' +
          '</SpeechRecognitionResult></Operation>',
      ),
      'speech',
    );
    render(<SpeechPanel {...props} />);
    const panel = screen.getByTestId('panel-speech');
    expect(field(panel, 'Audio length')).toBe('0:12.50');
    expect(field(panel, 'Result object')).toContain('asr/out.txt');
    expect(() => field(panel, 'Detail object')).toThrow('no field'); // CI gave none: not listed
    expect(within(panel).getByTestId('speech-text').textContent).toBe('hello world');
    const rows = within(within(panel).getByRole('table', { name: 'Sentences' })).getAllByRole('row');
    expect(rows.slice(1).map((r) => Array.from(r.children, (c) => c.textContent))).toEqual([
      ['0:00', '0:01.20', '0', 'hello world'],
      ['0:01.50', '0:03.25', '1', 'second line'],
    ]);
  });

  it('SpeechRecognition without a result yet says so', () => {
    const props = parsed(
      list('<Tag>SpeechRecognition</Tag><Operation><Output><Object>a</Object></Output></Operation>'),
      'speech',
    );
    render(<SpeechPanel {...props} />);
    expect(screen.getByTestId('panel-speech').textContent).toContain('No recognition result yet.');
  });

  it('Snapshot: every frame object numbered, then the sprite', () => {
    const props = parsed(
      list(
        '<Tag>Snapshot</Tag><Operation><Output><Bucket>b-1250000000</Bucket><Region>ap-guangzhou</Region>' +
          '<Object>snap/${Number}.jpg</Object></Output><MediaResult><OutputFile><Bucket>b-1250000000</Bucket>' +
          '<Region>ap-guangzhou</Region><ObjectName>snap/0.jpg</ObjectName><ObjectName>snap/1.jpg</ObjectName>' +
          '<ObjectName>snap/2.jpg</ObjectName></OutputFile><SpriteOutputFile><Bucket>b-1250000000</Bucket>' +
          '<Region>ap-guangzhou</Region><ObjectName>snap/sprite-0.jpg</ObjectName></SpriteOutputFile></MediaResult></Operation>',
      ),
      'snapshot',
    );
    render(<SnapshotPanel {...props} />);
    const panel = screen.getByRole('region', { name: 'Snapshots' });
    expect(panel.textContent).toContain('3 snapshot objects, 1 sprite');
    const items = within(panel).getAllByRole('listitem');
    expect(items.map((li) => li.textContent?.replace(/\s+/g, ' '))).toEqual([
      '#1snap/0.jpg',
      '#2snap/1.jpg',
      '#3snap/2.jpg',
      'spritesnap/sprite-0.jpg',
    ]);
  });

  it('Snapshot with nothing produced yet names the output pattern', () => {
    const props = parsed(
      list(
        '<Tag>Snapshot</Tag><State>Running</State><Operation><Output><Object>snap/${Number}.jpg</Object></Output></Operation>',
      ),
      'snapshot',
    );
    render(<SnapshotPanel {...props} />);
    expect(screen.getByRole('region', { name: 'Snapshots' }).textContent).toContain(
      'No snapshot objects reported yet (pattern snap/${Number}.jpg).',
    );
  });
});
