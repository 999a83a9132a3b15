'use client';

/** The faceted filter's checkboxes (components/data-table/faceted-filter), loaded with its popover on first intent (bench P5). */
import type { ReactNode } from 'react';

/** The faceted filter's props, declared once: the filter passes them on to its panel as they are. */
export interface FacetedProps<T extends string> {
  label: string;
  options: readonly T[];
  selected: readonly string[];
  onChange: (next: T[]) => void;
  renderOption?: (option: T) => ReactNode;
}

export function FacetedPanel<T extends string>({ label, options, selected, onChange, renderOption }: FacetedProps<T>) {
  return (
    <fieldset>
      <legend className="sr-only">{label}</legend>
      {options.map((option) => (
        <label
          key={option}
          className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
        >
          <input
            type="checkbox"
            className="accent-blue-600"
            checked={selected.includes(option)}
            onChange={(event) =>
              onChange(
                event.target.checked
                  ? options.filter((o) => o === option || selected.includes(o))
                  : options.filter((o) => o !== option && selected.includes(o)),
              )
            }
          />
          {renderOption ? renderOption(option) : option}
        </label>
      ))}
      {selected.length > 0 && (
        <button
          type="button"
          onClick={() => onChange([])}
          className="mt-1 w-full rounded px-2 py-1 text-left text-xs text-blue-700 hover:bg-slate-100 dark:text-blue-300 dark:hover:bg-slate-800"
        >
          Clear {label.toLowerCase()}
        </button>
      )}
    </fieldset>
  );
}
