import { isEmptyTree, KeyValueTree } from '@/components/ui/key-value-tree';
import type { Operation } from '@/lib/ci/types';

import { Copyable, Fields, Section } from './section';

const JOB_LEVELS: Record<number, string> = { 0: '0 (normal)', 1: '1 (high)', 2: '2 (highest)' };

/** What was asked for: templates, watermarks, user data, priority, and the echoed configuration. */
export function OperationSection({ operation }: { operation: Operation }) {
  const rw = operation.removeWatermark;
  const dw = operation.digitalWatermark;
  return (
    <Section title="Operation" testId="detail-operation">
      <Fields
        entries={[
          [
            'Template',
            operation.templateId ? (
              <span key="t" className="inline-flex flex-wrap items-center gap-2">
                <Copyable value={operation.templateId} label="template ID" />
                {operation.templateName && (
                  <span className="text-slate-500 dark:text-slate-400">{operation.templateName}</span>
                )}
              </span>
            ) : null,
          ],
          [
            'Watermark templates',
            operation.watermarkTemplateIds.length ? (
              <ul key="w" className="flex flex-col">
                {operation.watermarkTemplateIds.map((id, i) => (
                  <li key={i}>
                    <Copyable value={id} label="watermark template ID" />
                  </li>
                ))}
              </ul>
            ) : null,
          ],
          [
            'Remove watermark',
            rw ? (
              <span key="rw" className="font-mono text-xs">
                box at ({rw.dx ?? '?'}, {rw.dy ?? '?'}), {rw.width ?? '?'} × {rw.height ?? '?'} px
              </span>
            ) : null,
          ],
          [
            'Digital watermark',
            dw ? (
              <span key="dw" className="flex flex-col gap-0.5">
                <span>
                  {dw.type ?? 'type ?'} · version {dw.version ?? '?'}
                  {dw.state && ` · ${dw.state}`}
                  {dw.ignoreError !== null && ` · ignore errors: ${dw.ignoreError ? 'yes' : 'no'}`}
                </span>
                {dw.message && <Copyable value={dw.message} label="watermark message" />}
                {!isEmptyTree(dw.extra) && <KeyValueTree value={dw.extra} />}
              </span>
            ) : null,
          ],
          ['User data', operation.userData ? <Copyable key="u" value={operation.userData} label="user data" /> : null],
          [
            'Job level',
            operation.jobLevel === null ? null : (JOB_LEVELS[operation.jobLevel] ?? String(operation.jobLevel)),
          ],
        ]}
      />
      {!isEmptyTree(operation.config) && (
        <div className="mt-3">
          <h4 className="mb-1 text-xs font-medium text-slate-500 dark:text-slate-400">Requested configuration</h4>
          <KeyValueTree value={operation.config} className="rounded bg-slate-50 p-2 dark:bg-slate-800/60" />
        </div>
      )}
    </Section>
  );
}
