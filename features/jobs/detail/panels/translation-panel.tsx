import { Copyable, Fields, Section } from '../section';
import { configText, type PanelProps } from './types';

/** Translation: from which language to which, and the translated document. */
export function TranslationPanel({ job, operation }: PanelProps<'translation'>) {
  const target = configText(operation.config, 'Translation', 'Lang');
  return (
    <Section title="Translation" testId="panel-translation">
      <Fields
        entries={[
          ['Languages', `${job.input?.lang ?? '?'} → ${target ?? '?'}`],
          ['Document type', configText(operation.config, 'Translation', 'Type') ?? job.input?.type ?? null],
          ['Translated document', <Copyable key="o" value={operation.output?.object} label="translated object" />],
        ]}
      />
    </Section>
  );
}
