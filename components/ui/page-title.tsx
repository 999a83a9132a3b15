/** The product's name, which ends every page's title. */
export const PRODUCT_NAME = 'CI Jobs Dashboard';

/**
 * The page's title, as a React `<title>`: React hoists it into the document's head, in the server's
 * HTML as well as after every change, and it is the only title there — the root layout declares
 * none. A title written to `document.title` from an effect was overwritten by the layout's metadata
 * title whenever Next committed its head after the effect had run (vercel/next.js#82037): a list
 * re-filtered soon after it hydrated kept the product's bare name in its tab and history.
 *
 * `children` is one string because React's `<title>` takes exactly one text child.
 */
export function PageTitle({ children }: { children: string }) {
  return <title>{`${children} — ${PRODUCT_NAME}`}</title>;
}
