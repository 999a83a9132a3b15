/**
 * The emulator's XML object model: plain objects whose key order is the element order.
 *
 * fast-xml-parser's XMLBuilder (non-preserveOrder mode) writes keys in insertion order, skips
 * `undefined`, writes `null` as a self-closing element (`<Subtitle/>`) and repeats an element for
 * each array item, so this model maps one-to-one onto CI's wire shape.
 */
export type XmlValue = string | null | undefined | XmlNode | readonly (string | XmlNode)[];
export interface XmlNode {
  [element: string]: XmlValue;
}
