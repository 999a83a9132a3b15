'use client';

/**
 * The "Views" menu of /jobs: built-in views, the operator's saved views, "Save current view…" and
 * delete (with a confirmation). The view on screen is checked in the menu and named on the button.
 * A menu button (WAI-ARIA menu pattern): ↑/↓/Home/End move, Enter/Space choose, Esc and Tab close.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

import { Button } from '@/components/ui/button';
import { cn, fieldClass, focusRing } from '@/components/ui/cn';
import { Dialog } from '@/components/ui/dialog';
import type { JobsView } from '@/lib/jobs-search-params';
import { BUILT_IN_VIEWS, canonicalViewQuery, checkViewName, viewMatches, type SavedView } from '@/lib/saved-views';

import { useSavedViews, type ViewsStorage } from './use-saved-views';

const WHERE: Record<ViewsStorage, string> = {
  account: 'saved to your account',
  browser: 'saved in this browser',
  unknown: 'checking where views are kept…',
};

export function ViewsMenu({ view, onApply }: { view: JobsView; onApply: (view: SavedView, builtIn: boolean) => void }) {
  const saved = useSavedViews();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const activeBuiltIn = BUILT_IN_VIEWS.find((v) => viewMatches(view, v, true));
  const activeSaved = saved.views.find((v) => viewMatches(view, v, false));
  const activeName = activeSaved?.name ?? activeBuiltIn?.name ?? null;

  const items = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? []);
  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  // Opening focuses the checked view, else the first item; a click elsewhere closes.
  useEffect(() => {
    if (!open) return;
    const all = items();
    (all.find((el) => el.getAttribute('aria-checked') === 'true') ?? all[0])?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => all[(i + all.length) % all.length]?.focus();
    if (event.key === 'ArrowDown') go(at + 1);
    else if (event.key === 'ArrowUp') go(at - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(all.length - 1);
    else if (event.key === 'Escape') close();
    else if (event.key === 'Tab') return setOpen(false);
    else return;
    // Handled here: the page's shortcuts (features/shortcuts/shortcuts) leave a handled key alone.
    event.preventDefault();
    event.stopPropagation();
  };

  const choose = (v: SavedView, builtIn: boolean) => {
    close();
    onApply(v, builtIn);
  };

  const itemClass = cn(
    'flex w-full items-center gap-2 rounded px-2 py-1 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800',
    'aria-checked:font-semibold aria-checked:text-blue-800 dark:aria-checked:text-blue-200',
    focusRing,
  );

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        data-testid="views-button"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
        className={cn(
          'inline-flex h-8 max-w-80 items-center gap-1 rounded border border-slate-300 bg-white px-3 text-sm font-medium whitespace-nowrap text-slate-800 hover:bg-slate-50',
          'dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800',
          focusRing,
        )}
      >
        <span className="truncate">{activeName ? `View: ${activeName}` : 'Views'}</span>
        <span aria-hidden>▾</span>
      </button>
      {open && (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label="Views"
          onKeyDown={onMenuKey}
          onBlur={(event) => {
            // Focus went elsewhere (a shortcut, a click on the page): the menu is done.
            const next = event.relatedTarget as Node | null;
            if (next && !menu.current?.contains(next) && !button.current?.contains(next)) setOpen(false);
          }}
          className="absolute left-0 top-full z-30 mt-1 w-[26rem] max-w-[calc(100vw-2rem)] rounded border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <div role="group" aria-labelledby={`${menuId}-builtin`}>
            <p
              id={`${menuId}-builtin`}
              className="px-2 pt-1 pb-0.5 text-[11px] font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400"
            >
              Built-in (current tag)
            </p>
            {BUILT_IN_VIEWS.map((v) => (
              <button
                key={v.name}
                type="button"
                role="menuitemradio"
                aria-checked={activeBuiltIn?.name === v.name && !activeSaved}
                tabIndex={-1}
                className={itemClass}
                onClick={() => choose(v, true)}
              >
                <span className="flex-1 whitespace-nowrap">{v.name}</span>
                <span className="truncate text-xs font-normal text-slate-500 dark:text-slate-400">{v.description}</span>
              </button>
            ))}
          </div>
          <div
            role="group"
            aria-labelledby={`${menuId}-saved`}
            className="mt-1 border-t border-slate-200 pt-1 dark:border-slate-700"
          >
            <p
              id={`${menuId}-saved`}
              className="px-2 pt-1 pb-0.5 text-[11px] font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400"
            >
              Your views — <span data-testid="views-storage">{WHERE[saved.storage]}</span>
            </p>
            {saved.error && (
              <p role="alert" className="px-2 py-1 text-xs text-red-700 dark:text-red-300">
                Your views could not be read: {saved.error}
              </p>
            )}
            {saved.views.length === 0 && !saved.error && (
              <p className="px-2 py-1 text-xs text-slate-500 dark:text-slate-400">None yet.</p>
            )}
            {saved.views.map((v) => (
              <div key={v.name} className="flex items-center gap-1">
                <button
                  type="button"
                  role="menuitemradio"
                  aria-checked={activeSaved?.name === v.name}
                  tabIndex={-1}
                  className={cn(itemClass, 'min-w-0 flex-1')}
                  onClick={() => choose(v, false)}
                >
                  <span className="truncate">{v.name}</span>
                </button>
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  aria-label={`Delete view “${v.name}”…`}
                  title="Delete…"
                  className={cn(
                    'rounded px-2 py-1 text-sm text-slate-500 hover:bg-red-50 hover:text-red-700 dark:hover:bg-red-950 dark:hover:text-red-300',
                    focusRing,
                  )}
                  onClick={() => {
                    close(false);
                    setDeleting(v.name);
                  }}
                >
                  ×
                </button>
              </div>
            ))}
          </div>
          <div className="mt-1 border-t border-slate-200 pt-1 dark:border-slate-700">
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={cn(itemClass, 'aria-disabled:cursor-wait aria-disabled:opacity-50')}
              // aria-disabled, not disabled: a disabled item stays reachable by the arrow keys (ARIA menu).
              aria-disabled={saved.storage === 'unknown' || undefined}
              onClick={() => {
                if (saved.storage === 'unknown') return;
                close(false);
                setSaving(true);
              }}
            >
              Save current view…
            </button>
          </div>
        </div>
      )}
      <SaveViewDialog
        open={saving}
        storage={saved.storage}
        existing={saved.views}
        initialName={activeSaved?.name ?? ''}
        onSave={(name) => saved.save(name, canonicalViewQuery(view))}
        onClose={() => setSaving(false)}
      />
      <DeleteViewDialog name={deleting} onDelete={saved.remove} onClose={() => setDeleting(null)} />
    </div>
  );
}

function SaveViewDialog({
  open,
  storage,
  existing,
  initialName,
  onSave,
  onClose,
}: {
  open: boolean;
  storage: ViewsStorage;
  existing: SavedView[];
  initialName: string;
  onSave: (name: string) => Promise<{ field: string; message: string } | null>;
  onClose: () => void;
}) {
  return (
    <Dialog open={open} onClose={onClose} title="Save current view" testId="save-view">
      {/* Mounted per opening, so each starts from the current name and no old message. */}
      {open && (
        <SaveViewForm
          storage={storage}
          existing={existing}
          initialName={initialName}
          onSave={onSave}
          onClose={onClose}
        />
      )}
    </Dialog>
  );
}

function SaveViewForm({
  storage,
  existing,
  initialName,
  onSave,
  onClose,
}: {
  storage: ViewsStorage;
  existing: SavedView[];
  initialName: string;
  onSave: (name: string) => Promise<{ field: string; message: string } | null>;
  onClose: () => void;
}) {
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const replaces = existing.some((v) => v.name.toLowerCase() === name.trim().toLowerCase());
  return (
    <form
      noValidate
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        const problem = checkViewName(name);
        if (problem) return setError(problem.message);
        setBusy(true);
        void onSave(name).then((result) => {
          setBusy(false);
          if (result) setError(result.message);
          else onClose();
        });
      }}
    >
      <label htmlFor="save-view-name" className="text-xs font-medium text-slate-700 dark:text-slate-200">
        View name
      </label>
      <input
        id="save-view-name"
        autoFocus
        value={name}
        maxLength={200}
        onChange={(e) => {
          setName(e.target.value);
          setError(null);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby="save-view-help save-view-error"
        className={cn(fieldClass, 'w-full')}
        autoComplete="off"
      />
      <p id="save-view-help" className="text-xs text-slate-500 dark:text-slate-400">
        The filters, order, page size and sorting on screen, {WHERE[storage]}.
        {replaces && ' A view of this name is replaced.'}
      </p>
      <p id="save-view-error" role="alert" className="min-h-4 text-xs text-red-700 dark:text-red-300">
        {error}
      </p>
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={busy}>
          {replaces ? 'Replace' : 'Save'}
        </Button>
      </div>
    </form>
  );
}

function DeleteViewDialog({
  name,
  onDelete,
  onClose,
}: {
  name: string | null;
  onDelete: (name: string) => Promise<{ message: string } | null>;
  onClose: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog
      open={name !== null}
      onClose={() => {
        setError(null);
        onClose();
      }}
      title="Delete view"
      testId="delete-view"
    >
      <p className="text-sm">
        Delete the view “<span className="font-semibold">{name}</span>”? This cannot be undone.
      </p>
      <p role="alert" className="min-h-4 text-xs text-red-700 dark:text-red-300">
        {error}
      </p>
      <div className="mt-2 flex justify-end gap-2">
        <Button
          onClick={() => {
            setError(null);
            onClose();
          }}
        >
          Cancel
        </Button>
        <Button
          variant="danger"
          onClick={() => {
            if (name === null) return;
            void onDelete(name).then((problem) => {
              if (problem) setError(problem.message);
              else onClose();
            });
          }}
        >
          Delete
        </Button>
      </div>
    </Dialog>
  );
}
