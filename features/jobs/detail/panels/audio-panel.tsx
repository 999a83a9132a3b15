import { Copyable, Fields, Muted, Section } from '../section';
import { configText, type PanelProps } from './types';

/** NoiseReduction and VoiceSeparate: the audio objects produced (voice, background, stems). */
export function AudioPanel({ job, operation }: PanelProps<'audio'>) {
  const out = operation.output;
  const mode = configText(operation.config, 'VoiceSeparate', 'AudioMode');
  return (
    <Section title={job.tag === 'VoiceSeparate' ? 'Separated audio' : 'Processed audio'} testId="panel-audio">
      {!out ? (
        <Muted>No output reported.</Muted>
      ) : (
        <Fields
          entries={[
            ['Mode', mode ?? undefined],
            [
              job.tag === 'VoiceSeparate' ? 'Voice' : 'Audio',
              <Copyable key="o" value={out.object} label="audio object" />,
            ],
            [
              'Background',
              out.auObject ? <Copyable key="a" value={out.auObject} label="background object" /> : undefined,
            ],
            ['Bass', out.bassObject ? <Copyable key="b" value={out.bassObject} label="bass object" /> : undefined],
            ['Drums', out.drumObject ? <Copyable key="d" value={out.drumObject} label="drum object" /> : undefined],
          ]}
        />
      )}
    </Section>
  );
}
