'use client';

/**
 * Radix DropdownMenu, loaded on first intent. Radix's menus (with their popper, focus scope and
 * dismissable layer) are a third of what /jobs would ship beyond the framework, and no menu is open
 * at first paint: until one is wanted, Root renders its Trigger as a plain button of the same look,
 * label and test id, and nothing else. Pointing at or focusing the button starts the download;
 * clicking it (or Enter, Space, ↓) mounts the real menu, open. From then on every part is Radix's
 * own, rendered synchronously from the loaded module.
 *
 * Same parts and props as `import * as DropdownMenu from '@radix-ui/react-dropdown-menu'` for those
 * the kit uses (components/ui/menu re-exports this as DropdownMenu).
 */
import type * as Radix from '@radix-ui/react-dropdown-menu';
import {
  createContext,
  useContext,
  useEffect,
  useState,
  type ComponentProps,
  type ComponentType,
  type KeyboardEvent,
} from 'react';

type RadixMenu = typeof Radix;

let loaded: RadixMenu | null = null;
let loading: Promise<RadixMenu> | null = null;

/** Starts (once) the download of Radix's menu; resolves with it. */
export function loadDropdownMenu(): Promise<RadixMenu> {
  loading ??= import('@radix-ui/react-dropdown-menu').then((m) => (loaded = m));
  return loading;
}

/** Inside a Root not yet loaded: the Trigger asks it to load (and open). */
const Pending = createContext<((open: boolean) => void) | null>(null);

function Root({ defaultOpen, open, onOpenChange, ...props }: ComponentProps<RadixMenu['Root']>) {
  // Already loaded (another menu was opened): mount as Radix at once.
  const [ready, setReady] = useState(loaded !== null);
  const [openOnLoad, setOpenOnLoad] = useState(false);
  // Mounted open (a part loaded on a click, components/ui/lazy-on-intent): Radix loads at once.
  const [wanted, setWanted] = useState(Boolean(defaultOpen || open));
  useEffect(() => {
    if (!wanted || ready) return;
    let live = true;
    void loadDropdownMenu().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [wanted, ready]);
  if (!ready || !loaded) {
    const want = (openIt: boolean) => {
      setWanted(true);
      if (openIt) {
        setOpenOnLoad(true);
        // A controlled menu learns it is asked open; it opens once loaded.
        onOpenChange?.(true);
      }
    };
    return <Pending.Provider value={want}>{props.children}</Pending.Provider>;
  }
  const R = loaded;
  return <R.Root defaultOpen={defaultOpen || openOnLoad} open={open} onOpenChange={onOpenChange} {...props} />;
}

const OPENING_KEYS = new Set(['Enter', ' ', 'ArrowDown']);

function Trigger({ asChild, children, ...props }: ComponentProps<RadixMenu['Trigger']>) {
  const want = useContext(Pending);
  if (!want && loaded) {
    const R = loaded;
    return (
      <R.Trigger asChild={asChild} {...props}>
        {children}
      </R.Trigger>
    );
  }
  const { onKeyDown, onClick, onPointerEnter, onFocus, ...rest } = props;
  return (
    <button
      type="button"
      aria-haspopup="menu"
      aria-expanded={false}
      data-state="closed"
      {...rest}
      onPointerEnter={(event) => {
        onPointerEnter?.(event);
        void loadDropdownMenu();
      }}
      onFocus={(event) => {
        onFocus?.(event);
        void loadDropdownMenu();
      }}
      onClick={(event) => {
        onClick?.(event);
        want?.(true);
      }}
      onKeyDown={(event: KeyboardEvent<HTMLButtonElement>) => {
        onKeyDown?.(event);
        if (!OPENING_KEYS.has(event.key)) return;
        event.preventDefault();
        want?.(true);
      }}
    >
      {children}
    </button>
  );
}

type PartName =
  | 'Portal'
  | 'Content'
  | 'Group'
  | 'Label'
  | 'Item'
  | 'CheckboxItem'
  | 'RadioGroup'
  | 'RadioItem'
  | 'ItemIndicator'
  | 'Separator';

/** A part that only exists inside an open menu: nothing until Radix is loaded and its Root mounted. */
function part<K extends PartName>(name: K) {
  function Part(props: ComponentProps<RadixMenu[K]>) {
    const pending = useContext(Pending);
    if (pending || !loaded) return null;
    // Props typed by the caller's part (K); the union of every part's props is what TS sees here.
    const Component = loaded[name] as ComponentType<object>;
    return <Component {...props} />;
  }
  Part.displayName = `DropdownMenu.${String(name)}`;
  return Part;
}

export const DropdownMenu = {
  Root,
  Trigger,
  Portal: part('Portal'),
  Content: part('Content'),
  Group: part('Group'),
  Label: part('Label'),
  Item: part('Item'),
  CheckboxItem: part('CheckboxItem'),
  RadioGroup: part('RadioGroup'),
  RadioItem: part('RadioItem'),
  ItemIndicator: part('ItemIndicator'),
  Separator: part('Separator'),
};
