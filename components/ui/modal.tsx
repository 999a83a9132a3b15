'use client';

/**
 * The modal under the dialog, the drawer and the sheet (components/ui/radix-modal, on Radix Dialog):
 * focus trapped inside and given back, the page behind inert, Escape and a click outside reported
 * through onClose. Its code loads when a modal first opens — none is open at a list's first paint,
 * and Radix's dialog is weight the page need not ship for it (a deep link that opens one at once
 * waits for the download, a few ms on the dashboard's own server).
 */
import { useEffect, useState, type ReactNode } from 'react';

export interface ModalProps {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  /** Buttons in the header, before Close. */
  actions?: ReactNode;
  testId?: string;
  /** Size and place of the dialog box. */
  className: string;
  frameClassName?: string;
  titleClassName?: string;
  bodyClassName: string;
  /**
   * Move focus to the body when opened (reading starts at the content, not at the first button).
   * Otherwise the body's element marked `data-autofocus` gets it, else the first tabbable one (×).
   */
  focusBody?: boolean;
  /** Where focus goes once closed, when what opened it is gone (e.g. a menu item); default: back to it. */
  onClosed?: () => void;
  children: ReactNode;
}

type Impl = typeof import('./radix-modal');
let loaded: Impl | null = null;
let loading: Promise<Impl> | null = null;
const load = () => (loading ??= import('./radix-modal').then((m) => (loaded = m)));

export function Modal(props: ModalProps) {
  const [ready, setReady] = useState(loaded !== null);
  useEffect(() => {
    if (!props.open || ready) return;
    let live = true;
    void load().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [props.open, ready]);
  if (!ready || !loaded) return null;
  const { RadixModal } = loaded;
  return <RadixModal {...props} />;
}
