import { Button } from '@/components/ui/button';

/**
 * Cursor paging: CI gives a NextToken, never a total. Previous pops the token stack, Next pushes;
 * the footer says honestly how many rows are loaded — or, when a total is known (the job index
 * counts), which rows of how many: "Page 1 · 1–20 of 12,989".
 */
export function CursorPagination({
  page,
  loaded,
  pages,
  hasNext,
  hasPrevious,
  onNext,
  onPrevious,
  onFirst,
  onNextIntent,
  busy,
  total,
  firstRow = 1,
}: {
  page: number;
  loaded: number;
  /** Rows accumulated from this many pages starting at `page`: Next is off (the list grows instead). */
  pages?: number;
  hasNext: boolean;
  hasPrevious: boolean;
  onNext: () => void;
  onPrevious: () => void;
  onFirst: () => void;
  /** The pointer or focus is on Next: a chance to fetch the next page ahead. */
  onNextIntent?: () => void;
  busy?: boolean;
  /** Every matching row, when known. */
  total?: number;
  /** The number of the first row on this page (1 on page 1). */
  firstRow?: number;
}) {
  const n = (v: number) => v.toLocaleString('en-US');
  const where = pages && pages > 1 ? `Pages ${page}–${page + pages - 1}` : `Page ${page}`;
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-600 tabular-nums dark:text-slate-300" data-testid="page-status" aria-live="polite">
        {total === undefined
          ? `${where} · ${loaded} loaded${hasNext ? ' · more available' : ' · last page'}`
          : `${where} · ${loaded === 0 ? 0 : `${n(firstRow)}–${n(firstRow + loaded - 1)}`} of ${n(total)}`}
      </span>
      <Button size="sm" onClick={onFirst} disabled={!hasPrevious || busy} aria-label="First page">
        « First
      </Button>
      <Button size="sm" onClick={onPrevious} disabled={!hasPrevious || busy}>
        ‹ Previous
      </Button>
      <Button
        size="sm"
        onClick={onNext}
        onMouseEnter={onNextIntent}
        onFocus={onNextIntent}
        disabled={!hasNext || busy || pages !== undefined}
      >
        Next ›
      </Button>
    </nav>
  );
}
