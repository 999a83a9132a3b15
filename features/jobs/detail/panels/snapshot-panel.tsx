import { Copyable, Muted, Section } from '../section';
import type { PanelProps } from './types';

/** Snapshot and SmartCover: the snapshot (and sprite) objects produced. */
export function SnapshotPanel({ job, operation }: PanelProps<'snapshot'>) {
  const frames = operation.mediaResult?.outputFiles.flatMap((f) => f.objectNames) ?? [];
  const sprites = operation.mediaResult?.spriteOutputFiles.flatMap((f) => f.objectNames) ?? [];
  return (
    <Section title={job.tag === 'SmartCover' ? 'Covers' : 'Snapshots'} testId="panel-snapshot">
      {frames.length + sprites.length === 0 ? (
        <Muted>
          No snapshot objects reported yet{operation.output?.object ? ` (pattern ${operation.output.object})` : ''}.
        </Muted>
      ) : (
        <>
          <p className="mb-1 text-xs text-slate-500 dark:text-slate-400">
            {frames.length} snapshot object{frames.length === 1 ? '' : 's'}
            {sprites.length > 0 && `, ${sprites.length} sprite${sprites.length === 1 ? '' : 's'}`}
          </p>
          <ol className="grid gap-0.5 sm:grid-cols-2">
            {[...frames.map((o) => ['frame', o] as const), ...sprites.map((o) => ['sprite', o] as const)].map(
              ([kind, o], i) => (
                <li key={`${kind}${i}`} className="flex items-center gap-2 text-xs">
                  <span className="w-12 shrink-0 text-slate-500 dark:text-slate-400">
                    {kind === 'sprite' ? 'sprite' : `#${i + 1}`}
                  </span>
                  <Copyable value={o} label={`${kind} object`} />
                </li>
              ),
            )}
          </ol>
        </>
      )}
    </Section>
  );
}
