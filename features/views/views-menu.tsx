'use client';

/**
 * The "Views" menu of /jobs: built-in views, the operator's saved views, "Save current view…" and
 * delete (with a confirmation). The view on screen is checked in the menu and named on the button.
 * The menu is the kit's (components/ui/menu: Radix, the WAI-ARIA menu button pattern); the dialogs
 * are in save-view-dialog and delete-view-dialog. Loaded on first intent (lazy-views-menu).
 */
import { useEffect, useRef, useState } from 'react';

import { cn } from '@/components/ui/cn';
import type { OpensOnMount } from '@/components/ui/lazy-on-intent';
import { DropdownMenu, MenuContent, menuItemBase, menuItemClass, MenuLabel, MenuSeparator } from '@/components/ui/menu';
import type { JobsView } from '@/lib/jobs-search-params';
import { BUILT_IN_VIEWS, canonicalViewQuery, type SavedView } from '@/lib/saved-views';

import { DeleteViewDialog } from './delete-view-dialog';
import { SaveViewDialog } from './save-view-dialog';
import { useSavedViews, WHERE_VIEWS_ARE, type SavedViews } from './use-saved-views';
import { activeViews, ViewsTrigger } from './views-trigger';

type Apply = (view: SavedView, builtIn: boolean) => void;

/** A radio item's value: which list it is in and its name (a saved view may share a built-in's name). */
const builtInKey = (name: string) => `built-in:${name}`;
const savedKey = (name: string) => `saved:${name}`;

export interface ViewsMenuProps {
  view: JobsView;
  onApply: Apply;
}

/** `openOnMount`: loaded by a click on its button (lazy-views-menu), it opens at once. */
export function ViewsMenu({ view, onApply, openOnMount = false }: OpensOnMount<ViewsMenuProps>) {
  const saved = useSavedViews();
  const [open, setOpen] = useState(openOnMount);
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  // The menu's element once mounted: opened on its first use, the menu's own code (Radix, loaded on
  // intent too) may arrive after `open` is set, so the focus below waits for the element, not for `open`.
  const [content, setContent] = useState<HTMLDivElement | null>(null);
  // Set when an item opens a dialog: focus then goes to the dialog, not back to the button.
  const toDialog = useRef(false);

  const { builtIn: activeBuiltIn, saved: activeSaved, name: activeName } = activeViews(view, saved);
  const checked = activeSaved ? savedKey(activeSaved.name) : activeBuiltIn ? builtInKey(activeBuiltIn.name) : '';

  // Opened, the menu starts at the view on screen (Radix starts at the first item).
  useEffect(() => {
    if (!open || !content) return;
    const frame = requestAnimationFrame(() =>
      content.querySelector<HTMLElement>('[role="menuitemradio"][aria-checked="true"]')?.focus(),
    );
    return () => cancelAnimationFrame(frame);
  }, [open, content]);

  const openDialog = (show: () => void) => {
    toDialog.current = true;
    show();
  };

  return (
    <>
      <DropdownMenu.Root open={open} onOpenChange={setOpen}>
        <ViewsTrigger ref={button} viewName={activeName} />
        <MenuContent
          ref={setContent}
          label="Views"
          align="start"
          className="w-[26rem] max-w-[calc(100vw-2rem)]"
          onCloseAutoFocus={(event) => {
            if (!toDialog.current) return;
            toDialog.current = false;
            event.preventDefault();
          }}
        >
          <DropdownMenu.RadioGroup value={checked}>
            <BuiltInViews onApply={onApply} />
            <MenuSeparator />
            <SavedViewItems saved={saved} onApply={onApply} onDelete={(name) => openDialog(() => setDeleting(name))} />
          </DropdownMenu.RadioGroup>
          <MenuSeparator />
          <DropdownMenu.Item
            className={cn(menuItemClass, 'aria-disabled:cursor-wait aria-disabled:opacity-50')}
            // aria-disabled, not Radix's disabled: a disabled item stays reachable by the arrow keys (ARIA menu).
            aria-disabled={saved.storage === 'unknown' || undefined}
            onSelect={(event) => {
              if (saved.storage === 'unknown') return event.preventDefault();
              openDialog(() => setSaving(true));
            }}
          >
            Save current view…
          </DropdownMenu.Item>
        </MenuContent>
      </DropdownMenu.Root>
      <SaveViewDialog
        open={saving}
        storage={saved.storage}
        existing={saved.views}
        initialName={activeSaved?.name ?? ''}
        onSave={(name) => saved.save(name, canonicalViewQuery(view))}
        onClose={() => setSaving(false)}
        onClosed={() => button.current?.focus()}
      />
      <DeleteViewDialog
        name={deleting}
        onDelete={saved.remove}
        onClose={() => setDeleting(null)}
        onClosed={() => button.current?.focus()}
      />
    </>
  );
}

function BuiltInViews({ onApply }: { onApply: Apply }) {
  return (
    <DropdownMenu.Group aria-labelledby="views-built-in">
      <MenuLabel id="views-built-in">Built-in (current tag)</MenuLabel>
      {BUILT_IN_VIEWS.map((v) => (
        <DropdownMenu.RadioItem
          key={v.name}
          value={builtInKey(v.name)}
          className={menuItemClass}
          onSelect={() => onApply(v, true)}
        >
          <span className="flex-1 whitespace-nowrap">{v.name}</span>
          <span className="truncate text-xs font-normal text-slate-500 dark:text-slate-400">{v.description}</span>
        </DropdownMenu.RadioItem>
      ))}
    </DropdownMenu.Group>
  );
}

function SavedViewItems({
  saved,
  onApply,
  onDelete,
}: {
  saved: SavedViews;
  onApply: Apply;
  onDelete: (name: string) => void;
}) {
  return (
    <DropdownMenu.Group aria-labelledby="views-saved">
      <MenuLabel id="views-saved">
        Your views — <span data-testid="views-storage">{WHERE_VIEWS_ARE[saved.storage]}</span>
      </MenuLabel>
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
          <DropdownMenu.RadioItem
            value={savedKey(v.name)}
            className={cn(menuItemClass, 'min-w-0 flex-1')}
            onSelect={() => onApply(v, false)}
          >
            <span className="truncate">{v.name}</span>
          </DropdownMenu.RadioItem>
          <DropdownMenu.Item
            aria-label={`Delete view “${v.name}”…`}
            title="Delete…"
            className={cn(
              menuItemBase,
              'text-slate-500 hover:bg-red-50 hover:text-red-700 data-[highlighted]:bg-red-50 data-[highlighted]:text-red-700',
              'dark:hover:bg-red-950 dark:hover:text-red-300 dark:data-[highlighted]:bg-red-950 dark:data-[highlighted]:text-red-300',
            )}
            onSelect={() => onDelete(v.name)}
          >
            ×
          </DropdownMenu.Item>
        </div>
      ))}
    </DropdownMenu.Group>
  );
}
