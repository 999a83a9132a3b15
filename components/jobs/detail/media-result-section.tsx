import type { MediaResult, OutputFile } from '@/lib/ci/types';
import { Copyable, MiniTable, Section } from './section';

function files(list: OutputFile[]) {
  return list.flatMap((file) => {
    const md5 = new Map(file.md5.map((m) => [m.objectName ?? '', m.md5]));
    const names = file.objectNames.length ? file.objectNames : file.md5.map((m) => m.objectName ?? '');
    const rows = names.map((name) => ({ file, name, md5: md5.get(name) ?? (names.length === 1 ? file.md5[0]?.md5 : undefined) }));
    return rows.length ? rows : [{ file, name: file.objectPrefix ? `${file.objectPrefix}…` : '', md5: undefined }];
  });
}

/** The files the job produced, with their MD5 (copyable). */
export function MediaResultSection({ result }: { result: MediaResult }) {
  const groups: [string, OutputFile[]][] = [
    ['Output files', result.outputFiles],
    ['Sprite output files', result.spriteOutputFiles],
  ];
  return (
    <Section title="Media result" testId="detail-media-result">
      {groups
        .filter(([, list]) => list.length > 0)
        .map(([title, list]) => (
          <div key={title} className="mb-3 last:mb-0">
            <h4 className="mb-1 text-xs font-medium text-slate-500">{title}</h4>
            <MiniTable
              label={title}
              testId={title === 'Output files' ? 'output-files' : 'sprite-files'}
              columns={['Object', 'MD5', 'Bucket', 'Region']}
              rows={files(list).map((r) => [
                <Copyable key="o" value={r.name} label="object name" />,
                r.md5 ? <Copyable key="m" value={r.md5} label={`MD5 of ${r.name}`} /> : '—',
                <Copyable key="b" value={r.file.bucket} label="bucket" />,
                <Copyable key="r" value={r.file.region} label="region" />,
              ])}
            />
          </div>
        ))}
      {result.outputFiles.length + result.spriteOutputFiles.length === 0 && <p className="text-sm text-slate-500 italic">No output files reported.</p>}
    </Section>
  );
}
