'use client';

/**
 * The kit's dropdown menu, on Radix DropdownMenu (the WAI-ARIA menu button pattern: ↑/↓, Home/End
 * and typeahead move, Enter/Space choose, Esc closes and gives focus back to the button, a click
 * outside closes). Items are Radix's (Item, CheckboxItem, RadioGroup/RadioItem), styled here once.
 * Keys pressed inside a menu are the menu's: the page's shortcuts leave them alone
 * (features/shortcuts/shortcuts, isInMenu). Radix's code loads on the first intent to open a menu
 * (lazy-dropdown-menu).
 */
import type { ComponentProps, ReactNode } from 'react';

import { cn, focusRing } from './cn';
import { DropdownMenu } from './lazy-dropdown-menu';

export { DropdownMenu };

/** The look of a button that opens a dropdown (menus and popovers alike). */
export const dropdownTriggerClass = cn(
  'flex h-8 cursor-pointer items-center gap-1 rounded border border-slate-300 bg-white px-2 text-sm whitespace-nowrap hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800',
  'data-[state=open]:bg-slate-50 dark:data-[state=open]:bg-slate-800',
  focusRing,
);

/** The look of the panel a dropdown opens (menus and popovers alike). */
export const dropdownPanelClass =
  'z-50 min-w-48 rounded border border-slate-200 bg-white p-1 text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100';

/** A menu item's shape and behaviour, without its width and colours (cn adds, it does not override). */
export const menuItemBase = cn(
  'flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-left text-sm outline-none select-none',
  'data-[disabled]:cursor-not-allowed data-[disabled]:opacity-50',
  focusRing,
);

/** A menu item's highlight, under the pointer or the arrow keys. */
export const menuItemHighlight =
  'hover:bg-slate-100 data-[highlighted]:bg-slate-100 dark:hover:bg-slate-800 dark:data-[highlighted]:bg-slate-800';

/** A menu item's look; the checked one (radio or checkbox item) is bold. */
export const menuItemClass = cn(
  menuItemBase,
  'w-full',
  menuItemHighlight,
  'aria-checked:font-semibold aria-checked:text-blue-800 dark:aria-checked:text-blue-200',
);

/** The caret a dropdown button ends with. */
export function Caret() {
  return (
    <span aria-hidden className="text-[10px] text-slate-500 dark:text-slate-400">
      ▾
    </span>
  );
}

/**
 * The open menu, in a portal (above the table's sticky header), named by `label` rather than by
 * the button's changing text.
 */
export function MenuContent({
  label,
  className,
  children,
  ...props
}: { label: string; children: ReactNode } & ComponentProps<typeof DropdownMenu.Content>) {
  return (
    <DropdownMenu.Portal>
      <DropdownMenu.Content
        sideOffset={4}
        collisionPadding={8}
        {...props}
        aria-labelledby={undefined}
        aria-label={label}
        className={cn(dropdownPanelClass, className)}
      >
        {children}
      </DropdownMenu.Content>
    </DropdownMenu.Portal>
  );
}

/**
 * A heading inside a menu (not an item: the arrow keys pass it by): small capitals over a list of
 * items, or `plain` words over a sentence-like group.
 */
export function MenuLabel({
  className,
  plain = false,
  ...props
}: ComponentProps<typeof DropdownMenu.Label> & { plain?: boolean }) {
  return (
    <DropdownMenu.Label
      className={cn(
        'px-2 pt-1 pb-0.5 text-[11px] font-semibold text-slate-500 dark:text-slate-400',
        !plain && 'tracking-wide uppercase',
        className,
      )}
      {...props}
    />
  );
}

export function MenuSeparator() {
  return <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-700" />;
}
