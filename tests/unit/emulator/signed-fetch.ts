/**
 * A tiny signed-GET client for the emulator tests. It signs `host` and every query parameter with
 * the shared signer and parses responses with a plain fast-xml-parser (not the dashboard's parser,
 * so the emulator is checked independently of the code it serves).
 */
import { XMLParser } from 'fast-xml-parser';

import { DEMO_CREDENTIALS } from '@/emulator';
import { ciEncode, sign } from '@/server/ci/sign';

/**
 * Parsed XML/JSON in tests: navigated by element name and checked with expect(), so a precise type
 * would only restate the assertions.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export type Params = Record<string, string> | readonly (readonly [string, string])[];

export interface SignOptions {
  secretId?: string;
  secretKey?: string;
  /** The client's clock in ms (key time starts here); defaults to Date.now(). */
  now?: number;
  /** Signature lifetime in seconds (default 900). */
  ttl?: number;
  /** Explicit key time, overriding now/ttl. */
  keyTime?: readonly [number, number];
  /** Value of a Date header; none is sent by default. */
  date?: string;
  /** Parameters sent on the wire but left out of the signature. */
  unsigned?: Params;
  /** Send the signature as pre-signed query parameters instead of the Authorization header. */
  presign?: boolean;
  /** Extra request headers (not signed). */
  headers?: Record<string, string>;
  method?: string;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body (plain XMLParser), or undefined when the body is not XML. */
  xml: Loose;
}

const parser = new XMLParser({ parseTagValue: false });

const pairsOf = (p: Params | undefined): [string, string][] =>
  !p
    ? []
    : Array.isArray(p)
      ? p.map(([k, v]) => [k, v] as [string, string])
      : Object.entries(p as Record<string, string>);

export const wireQuery = (pairs: readonly (readonly [string, string])[]) =>
  pairs.map(([k, v]) => `${ciEncode(k)}=${ciEncode(v)}`).join('&');

export function signedUrl(
  base: string,
  path: string,
  params?: Params,
  options: SignOptions = {},
): { url: string; authorization: string } {
  const url = new URL(base);
  const signed = pairsOf(params);
  const nowS = Math.floor((options.now ?? Date.now()) / 1000);
  const [startTime, endTime] = options.keyTime ?? [nowS - 1, nowS + (options.ttl ?? 900)];
  const result = sign({
    method: options.method ?? 'GET',
    path,
    query: signed,
    headers: { host: url.host },
    secretId: options.secretId ?? DEMO_CREDENTIALS.secretId,
    secretKey: options.secretKey ?? DEMO_CREDENTIALS.secretKey,
    startTime,
    endTime,
  });
  const all = [...signed, ...pairsOf(options.unsigned)];
  if (options.presign) {
    for (const part of result.authorization.split('&')) {
      const eq = part.indexOf('=');
      all.push([part.slice(0, eq), part.slice(eq + 1)]);
    }
  }
  const wirePath = path.split('/').map(ciEncode).join('/').replace(/%2C/g, ',');
  const query = wireQuery(all);
  return { url: `${base}${wirePath}${query ? `?${query}` : ''}`, authorization: result.authorization };
}

export async function signedGet(
  base: string,
  path: string,
  params?: Params,
  options: SignOptions = {},
): Promise<Reply> {
  const { url, authorization } = signedUrl(base, path, params, options);
  const headers: Record<string, string> = { ...options.headers };
  if (!options.presign) headers.authorization = authorization;
  if (options.date !== undefined) headers.date = options.date;
  const response = await fetch(url, { method: options.method ?? 'GET', headers });
  const text = await response.text();
  let xml: unknown;
  try {
    xml = text.trimStart().startsWith('<') ? parser.parse(text) : undefined;
  } catch {
    xml = undefined;
  }
  return { status: response.status, headers: response.headers, text, xml };
}

export function asArray<T>(value: T | T[] | undefined | null | ''): T[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** The JobsDetail entries of a list or batch response. */
export function jobsOf(reply: Reply): Loose[] {
  return asArray(reply.xml?.Response?.JobsDetail);
}

/** Walks every page of a list query and returns the job ids in the order served. */
export async function listAll(
  base: string,
  params: Record<string, string>,
  options: SignOptions = {},
  maxPages = 10_000,
): Promise<string[]> {
  const ids: string[] = [];
  let token = '';
  for (let page = 0; page < maxPages; page++) {
    const reply = await signedGet(base, '/jobs', { ...params, ...(token ? { nextToken: token } : {}) }, options);
    if (reply.status !== 200) throw new Error(`page ${page}: HTTP ${reply.status} ${reply.text}`);
    ids.push(...jobsOf(reply).map((j) => String(j.JobId)));
    token = String(reply.xml?.Response?.NextToken ?? '');
    if (!token) return ids;
  }
  throw new Error('too many pages');
}
