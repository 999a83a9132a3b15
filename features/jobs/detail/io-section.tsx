import type { ReactNode } from 'react';

import type { CosLocation, Job, JobOutput } from '@/lib/ci/types';

import { Copyable, Fields, Muted, Section } from './section';

function location(loc: CosLocation, what: string): [string, ReactNode][] {
  return [
    ['Bucket', <Copyable key="b" value={loc.bucket} label={`${what} bucket`} />],
    ['Region', <Copyable key="r" value={loc.region} label={`${what} region`} />],
    ['Object', <Copyable key="o" value={loc.object} label={`${what} object`} />],
  ];
}

function OutputFields({ output }: { output: JobOutput }) {
  return (
    <Fields
      entries={[
        ...location(output, 'output'),
        [
          'Sprite object',
          output.spriteObject ? <Copyable key="s" value={output.spriteObject} label="sprite object" /> : undefined,
        ],
        [
          'Background (AuObject)',
          output.auObject ? <Copyable key="a" value={output.auObject} label="background object" /> : undefined,
        ],
        [
          'Bass object',
          output.bassObject ? <Copyable key="ba" value={output.bassObject} label="bass object" /> : undefined,
        ],
        [
          'Drum object',
          output.drumObject ? <Copyable key="d" value={output.drumObject} label="drum object" /> : undefined,
        ],
        [
          'Stream extracts',
          output.streamExtract.length ? (
            <ul key="se" className="flex flex-col gap-0.5">
              {output.streamExtract.map((s, i) => (
                <li key={i} className="flex items-center gap-2">
                  <span className="text-xs text-slate-500 dark:text-slate-400">stream {s.index ?? '?'}</span>
                  <Copyable value={s.object} label={`stream ${s.index ?? i} object`} />
                </li>
              ))}
            </ul>
          ) : undefined,
        ],
      ]}
    />
  );
}

/** Where the job read from and wrote to. */
export function IoSection({ job }: { job: Job }) {
  const input = job.input;
  const output = job.operation?.output ?? null;
  return (
    <Section title="Input and output" testId="detail-io">
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <h4 className="mb-1 text-xs font-medium text-slate-500 dark:text-slate-400">Input</h4>
          {input ? (
            <Fields
              entries={[
                ...location(input, 'input'),
                ['URL', input.url ? <Copyable key="u" value={input.url} label="input URL" /> : undefined],
                ['Language', input.lang ?? undefined],
                ['Type', input.type ?? undefined],
                [
                  'Object headers',
                  input.cosHeaders.length ? (
                    <ul key="h" className="font-mono text-xs" data-testid="input-cos-headers">
                      {input.cosHeaders.map((h, i) => (
                        <li key={i}>
                          {h.key}: {h.value}
                        </li>
                      ))}
                    </ul>
                  ) : undefined,
                ],
              ]}
            />
          ) : (
            <Muted>No input reported.</Muted>
          )}
        </div>
        <div>
          <h4 className="mb-1 text-xs font-medium text-slate-500 dark:text-slate-400">Output</h4>
          {output ? <OutputFields output={output} /> : <Muted>No output reported.</Muted>}
        </div>
      </div>
    </Section>
  );
}
