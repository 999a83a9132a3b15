/**
 * What must be judged on the query string exactly as the client sent it, before Next parses it: by
 * the time a route handler sees request.url, Next has decoded the query into an object and written
 * it out again, which turns bytes that are not UTF-8 into U+FFFD (a character CI would then be asked
 * for) and drops a parameter named `__proto__` (the one name a JS object will not keep). So the
 * proxy sees the raw URL (next.config.js: skipProxyUrlNormalize) and refuses both here, for every
 * /api route, with a 400 naming the field.
 */
import 'server-only';

import type { ParamError } from '@/lib/ci/params';

/** decodeURIComponent refuses a bad %-escape and any byte sequence that is not UTF-8 (lone surrogates too). */
function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

export function rawQueryProblem(search: string): ParamError | null {
  const raw = search.startsWith('?') ? search.slice(1) : search;
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decoded(eq < 0 ? pair : pair.slice(0, eq));
    if (name === null) {
      return { field: '(name)', message: 'A parameter name is not valid percent-encoded UTF-8' };
    }
    if (name === '__proto__') return { field: name, message: 'Unknown parameter "__proto__"' };
    if (eq >= 0 && decoded(pair.slice(eq + 1)) === null) {
      return {
        field: name.slice(0, 64),
        message: `${name.slice(0, 64)} is not valid percent-encoded UTF-8 text; send the value as UTF-8`,
      };
    }
  }
  return null;
}
