import { Copyable, Fields, Section } from '../section';
import { configText, type PanelProps } from './types';

/** Tts: the text that was spoken, the voice, and the audio produced. */
export function TtsPanel({ operation }: PanelProps<'tts'>) {
  const text = configText(operation.config, 'TtsConfig', 'Input');
  return (
    <Section title="Text to speech" testId="panel-tts">
      {text && (
        <blockquote className="mb-2 rounded border-l-4 border-blue-400 bg-slate-50 p-2 text-sm dark:bg-slate-800/60">
          {text}
        </blockquote>
      )}
      <Fields
        entries={[
          ['Voice', configText(operation.config, 'TtsTpl', 'VoiceType') ?? undefined],
          ['Codec', configText(operation.config, 'TtsTpl', 'Codec') ?? undefined],
          ['Speed', configText(operation.config, 'TtsTpl', 'Speed') ?? undefined],
          ['Audio', <Copyable key="o" value={operation.output?.object} label="audio object" />],
        ]}
      />
    </Section>
  );
}
