import { cn, focusRing } from '@/components/ui/cn';
import { CopyButton } from '@/components/ui/copy-button';
import type { Job } from '@/lib/ci/types';

import { Section } from './section';

function Raw({ title, text, label }: { title: string; text: string; label: string }) {
  return (
    <details className="mb-2 rounded border border-slate-200 dark:border-slate-700">
      <summary className={cn('flex cursor-pointer items-center gap-2 px-2 py-1 text-sm font-medium', focusRing)}>
        {title}
        <span className="text-xs font-normal text-slate-500 dark:text-slate-400">
          {(text.length / 1000).toFixed(1)} kB
        </span>
      </summary>
      <div className="relative border-t border-slate-200 dark:border-slate-700">
        <CopyButton value={text} label={label} className="absolute top-1 right-1" />
        <pre className="max-h-96 overflow-auto p-2 font-mono text-[11px] leading-snug">{text}</pre>
      </div>
    </details>
  );
}

/** The job as the model holds it and the XML fragment CI sent, collapsed until opened. */
export function RawSection({ job, xml }: { job: Job; xml: string | null }) {
  return (
    <Section title="Raw" testId="detail-raw">
      <Raw title="Job (JSON)" text={JSON.stringify(job, null, 2)} label="job JSON" />
      {xml !== null && <Raw title="Original XML" text={xml} label="job XML" />}
    </Section>
  );
}
