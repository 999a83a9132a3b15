/**
 * CI / COS request signature, q-sign-algorithm=sha1 (ci-api-reference.md §1).
 *
 * Shared by the client (which signs) and the emulator (which verifies), so it holds no
 * configuration and no secret of its own. It is not marked `server-only` because the
 * standalone emulator and the unit tests load it outside Next's react-server graph;
 * node:crypto already keeps it out of any browser bundle.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type SignPair = readonly [name: string, value: string];

export interface SignInput {
  method: string;
  /** The decoded path, starting with `/` (the literal UTF-8 key, not percent-encoded). */
  path: string;
  /** Every query parameter that is sent; a parameter without a value is an empty string. */
  query?: Iterable<SignPair> | Record<string, string>;
  /** Headers to cover by the signature (the client signs `host` and `x-c*-` headers). */
  headers?: Iterable<SignPair> | Record<string, string>;
  secretId: string;
  secretKey: string;
  /** Unix seconds. */
  startTime: number;
  endTime: number;
}

export interface SignResult {
  authorization: string;
  keyTime: string;
  signKey: string;
  headerList: string;
  urlParamList: string;
  httpParameters: string;
  httpHeaders: string;
  httpString: string;
  stringToSign: string;
  signature: string;
}

/** RFC 3986 unreserved characters stay; everything else is %XX in upper case (space → %20, never +). */
export function ciEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function pairsOf(input: Iterable<SignPair> | Record<string, string> | undefined): SignPair[] {
  if (!input) return [];
  if (Symbol.iterator in input) return [...input];
  return Object.entries(input);
}

/** Builds the `k1=v1&k2=v2` string and the `k1;k2` list: keys lower-cased after encoding, sorted. */
export function canonicalList(input: Iterable<SignPair> | Record<string, string> | undefined): {
  joined: string;
  list: string;
} {
  const encoded = pairsOf(input)
    .map(([k, v]) => [ciEncode(k).toLowerCase(), ciEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return {
    joined: encoded.map(([k, v]) => `${k}=${v}`).join('&'),
    list: encoded.map(([k]) => k).join(';'),
  };
}

const hmacSha1 = (key: string, message: string) => createHmac('sha1', key).update(message, 'utf8').digest('hex');
const sha1 = (message: string) => createHash('sha1').update(message, 'utf8').digest('hex');

export function sign(input: SignInput): SignResult {
  const keyTime = `${input.startTime};${input.endTime}`;
  const signKey = hmacSha1(input.secretKey, keyTime);
  const params = canonicalList(input.query);
  const headers = canonicalList(input.headers);
  const httpString = `${input.method.toLowerCase()}\n${input.path}\n${params.joined}\n${headers.joined}\n`;
  const stringToSign = `sha1\n${keyTime}\n${sha1(httpString)}\n`;
  const signature = hmacSha1(signKey, stringToSign);
  const authorization = [
    'q-sign-algorithm=sha1',
    `q-ak=${input.secretId}`,
    `q-sign-time=${keyTime}`,
    `q-key-time=${keyTime}`,
    `q-header-list=${headers.list}`,
    `q-url-param-list=${params.list}`,
    `q-signature=${signature}`,
  ].join('&');
  return {
    authorization,
    keyTime,
    signKey,
    headerList: headers.list,
    urlParamList: params.list,
    httpParameters: params.joined,
    httpHeaders: headers.joined,
    httpString,
    stringToSign,
    signature,
  };
}

/** The fields of an Authorization value, or null when it is not of the q-sign-algorithm form. */
export interface ParsedAuthorization {
  algorithm: string;
  secretId: string;
  signTime: string;
  keyTime: string;
  startTime: number;
  endTime: number;
  headerList: string[];
  urlParamList: string[];
  signature: string;
}

export function parseAuthorization(value: string | null | undefined): ParsedAuthorization | null {
  if (!value) return null;
  const fields = new Map<string, string>();
  for (const part of value.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const algorithm = fields.get('q-sign-algorithm');
  const secretId = fields.get('q-ak');
  const signTime = fields.get('q-sign-time');
  const keyTime = fields.get('q-key-time');
  const signature = fields.get('q-signature');
  const headerList = fields.get('q-header-list');
  const urlParamList = fields.get('q-url-param-list');
  if (!algorithm || !secretId || !signTime || !keyTime || !signature) return null;
  if (headerList === undefined || urlParamList === undefined) return null;
  const match = /^(\d{1,12});(\d{1,12})$/.exec(keyTime);
  if (!match) return null;
  const split = (s: string) => (s === '' ? [] : s.split(';'));
  return {
    algorithm,
    secretId,
    signTime,
    keyTime,
    startTime: Number(match[1]),
    endTime: Number(match[2]),
    headerList: split(headerList),
    urlParamList: split(urlParamList),
    signature,
  };
}

/** Constant-time comparison of two hex signatures. */
export function signaturesEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
