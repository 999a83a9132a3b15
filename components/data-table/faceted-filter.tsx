'use client';

import { lazyPart } from '@/components/ui/lazy-part';

import type { FacetedProps } from './faceted-panel';
import { Popover } from './popover';

// The checkboxes load with the popover, on first intent (bench P5).
const panelCode = lazyPart(() => import('./faceted-panel'));

/** A multi-select of fixed options (checkboxes in a dropdown), e.g. job states. */
export function FacetedFilter<T extends string>(props: FacetedProps<T>) {
  const { label, selected } = props;
  const summary =
    selected.length === 0 ? 'Any' : selected.length <= 2 ? selected.join(', ') : `${selected.length} selected`;
  return (
    <Popover
      panelCode={panelCode}
      label={`${label}: ${summary}`}
      summary={<span className="font-medium">{summary}</span>}
    >
      {() => {
        const { FacetedPanel } = panelCode.get()!;
        return <FacetedPanel {...props} />;
      }}
    </Popover>
  );
}
