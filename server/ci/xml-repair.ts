/**
 * Lenient repair of XML that is not well formed, for the defects CI's own documentation shows
 * (ci-api-reference.md §6.1): a stray close tag with no opening (`</Message>` after
 * `<Code>Success</Code>` in the seed's example), a misspelt close (`<MediaInfo></MeidaInfo>`), and a
 * missing slash (`<Tag>Translation<Tag>`).
 *
 * It walks the tags with a stack, like an HTML parser would:
 * - a close tag that matches the top closes it;
 * - a close tag that matches an element deeper down closes the elements above it first;
 * - a close tag that matches nothing open becomes an empty element (`</Message>` → `<Message/>`),
 *   so the field is kept, as CI clearly meant an empty Message;
 * - an open tag with the name of the open leaf that already holds text closes that leaf;
 * - a document that ends with elements still open was truncated: it is refused (null), not guessed.
 *
 * Only called when the strict parse has failed, so well-formed responses never pay for it.
 */
import 'server-only';

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;

interface OpenElement {
  name: string;
  hasChildren: boolean;
  hasText: boolean;
}

export function repairXml(xml: string): string | null {
  const out: string[] = [];
  const stack: OpenElement[] = [];
  let last = 0;

  const noteText = (text: string) => {
    const top = stack.at(-1);
    if (top && text.trim() !== '') top.hasText = true;
  };

  for (const match of xml.matchAll(TOKEN)) {
    const index = match.index;
    const between = xml.slice(last, index);
    out.push(between);
    noteText(between);
    last = index + match[0].length;

    const [token, slash, name, attrs = '', selfClosing] = match;
    if (name === undefined) {
      out.push(token); // comment, CDATA, declaration
      if (token.startsWith('<![CDATA[')) noteText('x');
      continue;
    }
    const top = stack.at(-1);
    if (!slash) {
      if (!selfClosing && top && top.name === name && top.hasText && !top.hasChildren) {
        out.push(`</${name}>`);
        stack.pop();
        continue;
      }
      if (top) top.hasChildren = true;
      if (selfClosing) {
        out.push(token);
      } else {
        out.push(`<${name}${attrs}>`);
        stack.push({ name, hasChildren: false, hasText: false });
      }
      continue;
    }
    const depth = findOpen(stack, name);
    if (depth === -1) {
      if (top) top.hasChildren = true;
      out.push(`<${name}/>`);
      continue;
    }
    while (stack.length > depth) out.push(`</${stack.pop()!.name}>`);
  }
  const tail = xml.slice(last);
  // Elements still open at the end, or a tag cut in half, mean the body was truncated: that is a
  // transport failure to report, not a documentation typo to repair.
  if (stack.length > 0 || tail.includes('<')) return null;
  out.push(tail);
  return out.join('');
}

/** Index of the innermost open element with this name, or -1. */
function findOpen(stack: OpenElement[], name: string): number {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.name === name) return i;
  return -1;
}
