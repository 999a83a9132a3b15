/**
 * Saves text as a file from the browser: a Blob behind an object URL, clicked through a temporary
 * <a download>. Nothing goes back to the server, so an export of 20,000 jobs costs no request.
 */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the URL by the next task in Chromium, but not always in other browsers
  // (FileSaver.js waits 40 s for that reason); until revoked the Blob stays in memory.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export const CSV_TYPE = 'text/csv;charset=utf-8';
export const JSON_TYPE = 'application/json;charset=utf-8';
