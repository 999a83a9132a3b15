/**
 * The list's own reader of a GET /jobs page: one pass with the engine's `indexOf` from tag to tag,
 * building the same tree fast-xml-parser builds with xml.ts's options (values as trimmed strings,
 * the five XML entities decoded, repeated names as arrays) for everything the list model reads —
 * and of each job's Operation only its Output. The Operation is most of a page's bytes (media
 * info, results, configuration echoes): its tags are still walked, so nesting is checked across
 * the whole document, but nothing of them is built.
 *
 * It reads a strict subset of XML exactly and gives up (null) on anything else — comments, CDATA,
 * processing instructions or a DOCTYPE after the declaration, attributes, character references,
 * text mixed with elements, carriage returns in text, mismatched tags, a root other than Response,
 * deep nesting — so the caller falls
 * back to the full parser, which handles all of it. Equality with that parser's result is what
 * tests/unit/ci/list-scan.test.ts checks, on every emulator tag's page and on tricky documents.
 */
import 'server-only';

import type { XmlTree } from '@/lib/ci/types';

type Node = Record<string, XmlTree>;

interface Frame {
  name: string;
  /** null while walking the skipped part of an Operation: nothing built, names still matched. */
  node: Node | null;
  text: string;
  hasChildren: boolean;
  depth: number;
  /** An Operation: of its children only the Output is built. */
  skip: boolean;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&([^;&<]*);?/g;
const NAME = /^[A-Za-z_][\w.:-]*$/;
/** Deeper than this the parser refuses the document (its maxNestedTags): left to it to say so. */
const MAX_DEPTH = 100;

/**
 * Text as the full parser leaves it: trimmed, then the five XML entities decoded; null for another
 * entity, or a carriage return (the parser normalises line ends, as XML says: left to it).
 */
function decode(raw: string): string | null {
  const t = raw.trim();
  if (t.indexOf('\r') >= 0) return null;
  if (t.indexOf('&') < 0) return t;
  let unknown = false;
  const out = t.replace(ENTITY, (whole, name: string) => {
    const v = whole.endsWith(';') ? ENTITIES[name] : undefined;
    if (v === undefined) unknown = true;
    return v ?? whole;
  });
  return unknown ? null : out;
}

function add(parent: Node, name: string, value: XmlTree, isArray: (name: string) => boolean): void {
  const old = Object.hasOwn(parent, name) ? parent[name] : undefined;
  if (old === undefined) parent[name] = isArray(name) ? [value] : value;
  else if (Array.isArray(old)) old.push(value);
  else parent[name] = [old, value];
}

/** The document `{ Response: … }` with each Operation reduced to its Output, or null (see above). */
export function scanListDocument(xml: string, isArray: (name: string) => boolean): Node | null {
  let pos = 0;
  const len = xml.length;
  while (pos < len && xml.charCodeAt(pos) <= 32) pos++;
  // The XML declaration alone is allowed before the root (the parser keeps it apart from Response).
  if (xml.startsWith('<?xml', pos)) {
    const end = xml.indexOf('?>', pos);
    if (end < 0) return null;
    pos = end + 2;
  }
  const stack: Frame[] = [];
  let root: Node | null = null;
  for (;;) {
    const lt = xml.indexOf('<', pos);
    const top = stack[stack.length - 1];
    if (lt < 0) {
      // Only blank text may follow the root, and the root must be closed.
      return top || root === null || xml.slice(pos).trim() !== '' ? null : { Response: root };
    }
    if (top) {
      if (top.node && !top.skip) top.text += xml.slice(pos, lt);
    } else if (root !== null || xml.slice(pos, lt).trim() !== '') return null;
    const gt = xml.indexOf('>', lt);
    if (gt < 0) return null;
    const first = xml.charCodeAt(lt + 1);
    pos = gt + 1;
    if (first === 33 /* ! */ || first === 63 /* ? */) return null;
    if (first === 47 /* / */) {
      const name = xml.slice(lt + 2, gt).trimEnd();
      if (!top || top.name !== name) return null;
      stack.pop();
      const parent = stack[stack.length - 1];
      if (!top.node) continue;
      let value: XmlTree;
      if (top.skip) value = top.node;
      else if (top.hasChildren) {
        if (top.text.trim() !== '') return null; // mixed content: the parser's '#text'
        value = top.node;
      } else {
        const text = decode(top.text);
        if (text === null) return null;
        value = text;
      }
      if (!parent) {
        if (typeof value === 'string') return null;
        root = value;
      } else if (parent.node) add(parent.node, name, value, isArray);
      continue;
    }
    let body = xml.slice(lt + 1, gt);
    const selfClosing = body.endsWith('/');
    if (selfClosing) body = body.slice(0, -1);
    const name = body.trimEnd();
    // Attributes (or anything but a plain name), and the names of Object.prototype, which the parser
    // renames or refuses: its way.
    if (!NAME.test(name) || name in Object.prototype) return null;
    if (!top) {
      if (name !== 'Response' || selfClosing || root !== null) return null;
      stack.push({ name, node: {}, text: '', hasChildren: false, depth: 0, skip: false });
      continue;
    }
    top.hasChildren = true;
    // Inside an Operation only its Output is built; elsewhere everything is.
    const build = top.node !== null && (!top.skip || name === 'Output');
    if (selfClosing) {
      if (build) add(top.node!, name, '', isArray);
      continue;
    }
    if (stack.length >= MAX_DEPTH) return null;
    const skip = top.depth === 1 && top.name === 'JobsDetail' && name === 'Operation';
    stack.push({ name, node: build ? {} : null, text: '', hasChildren: false, depth: top.depth + 1, skip });
  }
}
