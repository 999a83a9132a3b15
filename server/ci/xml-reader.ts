/**
 * A reader over one parsed XML element that records which children the model took, so that the
 * rest can be kept in `extra` (nothing CI sends is silently dropped). Values come from the parser
 * as strings (parseTagValue is off): each field is typed here, by the model, one at a time.
 */
import 'server-only';

import type { Extra, XmlTree } from '@/lib/ci/types';

type Node = Record<string, XmlTree>;

export class XmlReader {
  private readonly node: Node;
  private readonly taken = new Set<string>();

  constructor(value: XmlTree | undefined) {
    this.node = isElement(value) ? value : {};
  }

  has(name: string): boolean {
    return name in this.node;
  }

  /** Text of a leaf, or null when absent or empty. Repeated leaves: the first. */
  str(name: string): string | null {
    const v = first(this.take(name));
    if (typeof v !== 'string') return null;
    const t = v.trim();
    return t === '' ? null : t;
  }

  /** Text kept even when empty (''), null only when absent. */
  text(name: string): string | null {
    const v = first(this.take(name));
    if (v === undefined) return null;
    return typeof v === 'string' ? v.trim() : null;
  }

  num(name: string): number | null {
    return toNumber(this.str(name));
  }

  int(name: string): number | null {
    const n = this.num(name);
    return n === null ? null : Math.trunc(n);
  }

  bool(name: string): boolean | null {
    return toBool(this.str(name));
  }

  /** CI time (`2022-06-27T15:23:12+0800`, `2022-08-09 14:54:17+0800`, `-`) → ISO with offset. */
  time(name: string): string | null {
    return toIsoTime(this.str(name));
  }

  /** A repeated leaf as a list of non-empty strings. */
  strs(name: string): string[] {
    return asList(this.take(name))
      .filter((v): v is string => typeof v === 'string')
      .map((v) => v.trim())
      .filter((v) => v !== '');
  }

  /** A child element, or null when absent or an empty element. */
  child(name: string): XmlReader | null {
    const v = first(this.take(name));
    return isElement(v) ? new XmlReader(v) : null;
  }

  /** A repeated child element; empty elements and text are skipped. */
  children(name: string): XmlReader[] {
    return asList(this.take(name))
      .filter(isElement)
      .map((v) => new XmlReader(v));
  }

  /** A child subtree kept as is (for configuration echoes and free-form elements). */
  tree(name: string): XmlTree | undefined {
    return this.take(name);
  }

  /** The children nobody asked for. */
  rest(): Extra {
    const out: Extra = {};
    for (const [k, v] of Object.entries(this.node)) if (!this.taken.has(k)) out[k] = v;
    return out;
  }

  /** Every child name, for readers that walk free-form elements. */
  names(): string[] {
    return Object.keys(this.node);
  }

  private take(name: string): XmlTree | undefined {
    this.taken.add(name);
    return this.node[name];
  }
}

function isElement(v: XmlTree | undefined): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asList(v: XmlTree | undefined): XmlTree[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function first(v: XmlTree | undefined): XmlTree | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export function toNumber(s: string | null): number | null {
  if (s === null) return null;
  // Fps may come as a ratio (`50/1`, `30000/1001`).
  const ratio = /^(-?\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(s);
  if (ratio) {
    const d = Number(ratio[2]);
    return d === 0 ? null : Number(ratio[1]) / d;
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

export function toBool(s: string | null): boolean | null {
  if (s === null) return null;
  const v = s.toLowerCase();
  if (v === 'true' || v === '1' || v === 'yes') return true;
  if (v === 'false' || v === '0' || v === 'no') return false;
  return null;
}

const CI_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*(Z|[+-]\d{2}:?\d{2})?$/;

export function toIsoTime(s: string | null): string | null {
  if (s === null || s === '-') return null;
  const m = CI_TIME.exec(s);
  if (!m) return null;
  const [, date, time, zone] = m;
  let offset = zone ?? '+08:00'; // CI documents China time when a value carries no zone.
  if (/^[+-]\d{4}$/.test(offset)) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
  const iso = `${date}T${time}${offset}`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}
