import type { MediaResult, OutputFile } from '@/lib/ci/types';

import { Copyable, MiniTable, Section } from './section';

/** Each object of an output file with its MD5 (CI lists Md5Info per object name). */
function objects(file: OutputFile): { name: string; md5: string | undefined }[] {
  const md5 = new Map(file.md5.map((m) => [m.objectName ?? '', m.md5]));
  const names = file.objectNames.length ? file.objectNames : file.md5.map((m) => m.objectName ?? '');
  const rows = names.map((name) => ({
    name,
    md5: md5.get(name) ?? (names.length === 1 ? file.md5[0]?.md5 : undefined),
  }));
  return rows.length ? rows : [{ name: file.objectPrefix ? `${file.objectPrefix}…` : '', md5: undefined }];
}

function FileGroup({ file, title, testId }: { file: OutputFile; title: string; testId: string }) {
  return (
    <div className="mb-3 last:mb-0">
      <h4 className="mb-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs font-medium text-slate-500 dark:text-slate-400">
        {title}
        <span className="inline-flex items-center gap-1 font-normal">
          bucket <Copyable value={file.bucket} label="bucket" />
        </span>
        <span className="inline-flex items-center gap-1 font-normal">
          region <Copyable value={file.region} label="region" />
        </span>
      </h4>
      <MiniTable
        label={title}
        testId={testId}
        columns={['Object', 'MD5']}
        rows={objects(file).map((r) => [
          <Copyable key="o" value={r.name} label="object name" />,
          r.md5 ? (
            <span key="m" className="whitespace-nowrap">
              <Copyable value={r.md5} label={`MD5 of ${r.name}`} />
            </span>
          ) : (
            '—'
          ),
        ])}
      />
    </div>
  );
}

/** The files the job produced, with their MD5 (copyable). */
export function MediaResultSection({ result }: { result: MediaResult }) {
  const empty = result.outputFiles.length + result.spriteOutputFiles.length === 0;
  return (
    <Section title="Media result" testId="detail-media-result">
      {result.outputFiles.map((file, i) => (
        <FileGroup key={`o${i}`} file={file} title="Output files" testId="output-files" />
      ))}
      {result.spriteOutputFiles.map((file, i) => (
        <FileGroup key={`s${i}`} file={file} title="Sprite output files" testId="sprite-files" />
      ))}
      {empty && <p className="text-sm text-slate-500 dark:text-slate-400 italic">No output files reported.</p>}
    </Section>
  );
}
