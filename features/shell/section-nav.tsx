'use client';

/** Jobs · Overview · Triage in the header, each link carrying the filters on screen (features/shell/section-links). */
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';

import { sectionHref, sectionOf, SECTIONS, type Section } from '@/features/shell/section-links';

function SectionLinks({ current, hrefOf }: { current?: Section; hrefOf: (section: Section) => string }) {
  return (
    <nav aria-label="Sections" className="flex items-center gap-1 text-xs">
      {SECTIONS.map((s) => (
        <Link
          key={s.id}
          href={hrefOf(s.id)}
          aria-current={s.id === current ? 'page' : undefined}
          className={
            s.id === current
              ? 'rounded bg-slate-200 px-2 py-0.5 font-medium text-slate-900 dark:bg-slate-800 dark:text-slate-100'
              : 'rounded px-2 py-0.5 text-slate-600 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-800'
          }
        >
          {s.label}
        </Link>
      ))}
    </nav>
  );
}

/** Before the URL is known on the client (the Suspense fallback of a static render): plain links. */
export function PlainSectionNav() {
  return <SectionLinks hrefOf={(s) => SECTIONS.find((x) => x.id === s)!.path} />;
}

export function SectionNav() {
  const pathname = usePathname();
  const search = useSearchParams();
  return (
    <SectionLinks
      current={sectionOf(pathname)}
      hrefOf={(s) => sectionHref(s, pathname, new URLSearchParams(search.toString()))}
    />
  );
}
