import { Muted, Section } from '../section';
import type { PanelProps } from './types';

/** A tag this build does not know: everything is still in "Other fields" and "Raw". */
export function UnknownPanel({ job }: PanelProps<'unknown'>) {
  return (
    <Section title={`${job.tag} result`} testId="panel-unknown">
      <Muted>This dashboard has no view for the tag {job.tag}; its fields are listed under Other fields and Raw.</Muted>
    </Section>
  );
}
