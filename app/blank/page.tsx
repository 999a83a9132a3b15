/**
 * A page that renders almost nothing: the baseline of the page-weight benchmark (bench/browser.ts,
 * P5). It goes through the same root layout, so it loads the framework runtime and the providers
 * every page loads — what /jobs adds on top of that is what P5 measures.
 */
import { PageTitle } from '@/components/ui/page-title';

export default function BlankPage() {
  return (
    <main data-testid="blank">
      <PageTitle>Blank</PageTitle>
    </main>
  );
}
