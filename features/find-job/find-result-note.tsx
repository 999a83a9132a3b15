'use client';

/**
 * On the list the find box opened: where it searched ("all tags · index", "all tags · CI, last 30
 * days") and for what, with the other choice one click away — only the tag the operator was on, or
 * back to every tag. Shown while the address holds that search (lib keys compared, see last-find).
 * The note's words load only when there is one to show (bench P5); the find box fetches them as it
 * opens the list, so they are here by the time it renders.
 */
import { useSearchParams } from 'next/navigation';

import { lazyPart, useLazyPart } from '@/components/ui/lazy-part';
import { useHydrated } from '@/components/ui/use-hydrated';

import { recallFind, showsFind } from './last-find';

const noteCode = lazyPart(() => import('./find-note-text'));

export function preloadFindNote(): void {
  void noteCode.load();
}

export function FindResultNote() {
  const search = useSearchParams();
  // sessionStorage exists only in the browser: nothing until hydrated, so server and client agree.
  const last = useHydrated() ? recallFind() : null;
  const shown = last && (last.chosen === 'here' && last.here ? last.here : last.all);
  const show = Boolean(shown && showsFind(shown, search));
  const code = useLazyPart(noteCode, show);
  if (!last || !shown || !show || !code) return null;
  const other = last.chosen === 'here' ? last.all : last.here;
  return <code.FindNoteText last={last} shown={shown} other={other} />;
}
