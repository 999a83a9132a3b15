import { KeyValueTree } from '@/components/ui/key-value-tree';
import type { Job } from '@/lib/ci/types';
import { collectExtras } from '@/lib/job-extras';

import { Section } from './section';

/** Elements CI sent that this dashboard does not interpret, at every level, as a tree. */
export function ExtrasSection({ job }: { job: Job }) {
  const extras = collectExtras(job);
  if (extras.length === 0) return null;
  return (
    <Section title="Other fields" testId="detail-extras">
      <p className="mb-2 text-xs text-slate-500 dark:text-slate-400">
        Elements CI sent that this dashboard does not interpret, kept as they came.
      </p>
      <div className="flex flex-col gap-2">
        {extras.map(({ path, extra }) => (
          <div key={path} className="rounded bg-slate-50 p-2 dark:bg-slate-800/60">
            <h4 className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-300">{path}</h4>
            <KeyValueTree value={extra} />
          </div>
        ))}
      </div>
    </Section>
  );
}
