/** The one value of a page's search parameter as Next hands it over ('' when absent; the first when repeated). */
export function firstValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
