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
  /** Where its text starts: right after its opening tag. */
  start: number;
  hasChildren: boolean;
  depth: number;
  /** An Operation: of its children only the Output is built. */
  skip: boolean;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&([^;&<]*);?/g;
/** A character a name may hold after its first ([A-Za-z_] then [\w.:-]; no regex: this runs per tag). */
function nameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 45 ||
    c === 46 ||
    c === 58
  );
}

/** Whether xml[from, to) is blank the way the scan allows between elements (no other space). */
function blank(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9) return false;
  }
  return true;
}
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
      return top || root === null || !blank(xml, pos, len) ? null : { Response: root };
    }
    // Text between elements: a leaf's is read when it closes; beside children it must be blank
    // (else the parser's '#text'); outside the root too.
    if (top) {
      if (top.node && !top.skip && top.hasChildren && !blank(xml, pos, lt)) return null;
    } else if (root !== null || !blank(xml, pos, lt)) return null;
    const first = xml.charCodeAt(lt + 1);
    if (first === 33 /* ! */ || first === 63 /* ? */) return null;
    if (first === 47 /* / */) {
      // The common closing tag `</Name>` is matched in place; anything else the slow way.
      let gt = lt + 2 + (top ? top.name.length : 0);
      if (!top || !xml.startsWith(top.name, lt + 2) || xml.charCodeAt(gt) !== 62) {
        gt = xml.indexOf('>', lt);
        if (gt < 0 || !top || top.name !== xml.slice(lt + 2, gt).trimEnd()) return null;
      }
      pos = gt + 1;
      stack.pop();
      const parent = stack[stack.length - 1];
      if (!top.node) continue;
      let value: XmlTree;
      if (top.skip || top.hasChildren) value = top.node;
      else {
        const text = decode(xml.slice(top.start, lt));
        if (text === null) return null;
        value = text;
      }
      if (!parent) {
        if (typeof value === 'string') return null;
        root = value;
      } else if (parent.node) add(parent.node, top.name, value, isArray);
      continue;
    }
    // The common opening tag `<Name>` or `<Name/>`, read in place; anything else (attributes,
    // spaces, odd names) is left to the parser.
    let end = lt + 1;
    while (end < len && nameChar(xml.charCodeAt(end))) end++;
    const selfClosing = xml.charCodeAt(end) === 47; /* / */
    const gt = selfClosing ? end + 1 : end;
    if (xml.charCodeAt(gt) !== 62 /* > */) return null;
    const name = xml.slice(lt + 1, end);
    const c0 = xml.charCodeAt(lt + 1);
    const startsWell = (c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122) || c0 === 95;
    if (!startsWell || name in Object.prototype) return null;
    pos = gt + 1;
    if (!top) {
      if (name !== 'Response' || selfClosing || root !== null) return null;
      stack.push({ name, node: {}, start: pos, hasChildren: false, depth: 0, skip: false });
      continue;
    }
    // A leaf's text so far turns out to sit beside a child: it must be blank.
    if (!top.hasChildren && top.node && !top.skip && !blank(xml, top.start, lt)) return null;
    top.hasChildren = true;
    // Inside an Operation only its Output is built; elsewhere everything is.
    const build = top.node !== null && (!top.skip || name === 'Output');
    if (selfClosing) {
      if (build) add(top.node!, name, '', isArray);
      continue;
    }
    if (stack.length >= MAX_DEPTH) return null;
    const skip = top.depth === 1 && top.name === 'JobsDetail' && name === 'Operation';
    stack.push({ name, node: build ? {} : null, start: pos, hasChildren: false, depth: top.depth + 1, skip });
  }
}
