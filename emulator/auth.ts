/**
 * Verifies each CI request's q-sign-algorithm=sha1 signature with the shared signer
 * (server/ci/sign.ts), answering the way COS/CI does when it fails.
 *
 * Strictness is deliberate: every query parameter actually sent must be covered by
 * q-url-param-list (the dashboard signs them all, per the reference §1.3), so a client that forgets
 * one, or encodes `+` as a raw plus, fails here rather than against real CI. Failures carry a
 * `detail` for the emulator's request log (e.g. the server's HttpString), never a SecretKey.
 */
import type { IncomingHttpHeaders } from 'node:http';

import { ciEncode, parseAuthorization, sign, signaturesEqual, type ParsedAuthorization } from '@/server/ci/sign';

import type { QueryPairs } from './query';

export interface Credential {
  secretId: string;
  secretKey: string;
}

export interface AuthRequest {
  method: string;
  /** Decoded path, as signed. */
  path: string;
  /** Every query pair as received (decoded), including any q-* pairs of a pre-signed URL. */
  query: QueryPairs;
  headers: IncomingHttpHeaders;
}

export type AuthResult =
  { ok: true; secretId: string; params: QueryPairs } | { ok: false; code: string; message: string; detail?: string };

const Q_PARAMS = [
  'q-sign-algorithm',
  'q-ak',
  'q-sign-time',
  'q-key-time',
  'q-header-list',
  'q-url-param-list',
  'q-signature',
];
const Q_PARAM_SET = new Set(Q_PARAMS);

const deny = (code: string, message: string, detail?: string): AuthResult => ({
  ok: false,
  code,
  message,
  ...(detail ? { detail } : {}),
});

export class Authenticator {
  private readonly keys: ReadonlyMap<string, string>;

  constructor(
    credentials: readonly Credential[],
    private readonly skewSeconds: number,
    private readonly now: () => number,
  ) {
    this.keys = new Map(credentials.map((c) => [c.secretId, c.secretKey]));
  }

  verify(req: AuthRequest): AuthResult {
    const header = req.headers.authorization;
    let params: QueryPairs = req.query;
    let raw: string | undefined = header;
    if (!raw && req.query.some(([k]) => k === 'q-sign-algorithm')) {
      // Pre-signed URL: the seven q-* pairs ride in the query string and are not themselves signed.
      const fields = new Map(req.query.filter(([k]) => Q_PARAM_SET.has(k)));
      raw = Q_PARAMS.map((k) => `${k}=${fields.get(k) ?? ''}`).join('&');
      params = req.query.filter(([k]) => !Q_PARAM_SET.has(k));
    }
    if (!raw)
      return deny(
        'AccessDenied',
        'Access Denied. The request is not signed: send an Authorization header (q-sign-algorithm=sha1&…).',
      );

    const auth = parseAuthorization(raw);
    if (!auth)
      return deny(
        'AccessDenied',
        'The Authorization value is malformed; expected q-sign-algorithm=sha1&q-ak=…&q-signature=….',
      );
    if (auth.algorithm !== 'sha1')
      return deny(
        'AccessDenied',
        `Unsupported q-sign-algorithm '${auth.algorithm.slice(0, 32)}'; only sha1 is supported.`,
      );

    const secretKey = this.keys.get(auth.secretId);
    if (secretKey === undefined)
      return deny('InvalidAccessKeyId', 'The SecretId (q-ak) you provided does not exist in our records.');

    const timeProblem = this.checkTime(auth, req.headers.date);
    if (timeProblem) return timeProblem;

    const listed = new Set(auth.urlParamList);
    for (const [name] of params) {
      const signedName = ciEncode(name).toLowerCase();
      if (!listed.has(signedName)) {
        return deny('AccessDenied', `Access Denied. Parameter ${name} is not signed: add it to q-url-param-list.`);
      }
    }
    const headers: [string, string][] = [];
    for (const name of auth.headerList) {
      const value = req.headers[name];
      if (value === undefined) {
        return deny(
          'AccessDenied',
          `Access Denied. Header ${name} is named in q-header-list but missing from the request.`,
        );
      }
      headers.push([name, Array.isArray(value) ? value.join(',') : value]);
    }

    const expected = sign({
      method: req.method,
      path: req.path,
      query: params,
      headers,
      secretId: auth.secretId,
      secretKey,
      startTime: auth.startTime,
      endTime: auth.endTime,
    });
    if (
      auth.signTime !== auth.keyTime ||
      expected.keyTime !== auth.keyTime ||
      !signaturesEqual(expected.signature, auth.signature)
    ) {
      const missing = auth.urlParamList.filter((p) => !params.some(([k]) => ciEncode(k).toLowerCase() === p));
      const hints = [
        missing.length > 0 ? `q-url-param-list names ${missing.join(', ')} but the request does not carry them` : '',
        auth.signTime !== auth.keyTime ? 'q-sign-time differs from q-key-time' : '',
        `server HttpString=${JSON.stringify(expected.httpString)}`,
      ].filter(Boolean);
      return deny('SignatureDoesNotMatch', 'The Signature you specified is invalid.', hints.join('; '));
    }
    return { ok: true, secretId: auth.secretId, params };
  }

  private checkTime(auth: ParsedAuthorization, date: string | undefined): AuthResult | null {
    const nowMs = this.now();
    const skewMs = this.skewSeconds * 1000;
    if (date !== undefined) {
      const dateMs = Date.parse(date);
      if (!Number.isFinite(dateMs) || Math.abs(dateMs - nowMs) > skewMs) {
        return deny(
          'RequestTimeTooSkewed',
          "The difference between the request time and the server's time is too large.",
          `Date: ${date.slice(0, 64)}; server time ${new Date(nowMs).toUTCString()}`,
        );
      }
    }
    const nowS = Math.floor(nowMs / 1000);
    if (auth.startTime > auth.endTime) return deny('AccessDenied', 'Access Denied. q-sign-time starts after it ends.');
    if (auth.startTime > nowS + this.skewSeconds) {
      return deny(
        'RequestTimeTooSkewed',
        "The difference between the request time and the server's time is too large.",
        `q-sign-time starts at ${auth.startTime}; server time ${nowS}`,
      );
    }
    if (auth.endTime < nowS)
      return deny('AccessDenied', 'Request has expired', `q-sign-time ended at ${auth.endTime}; server time ${nowS}`);
    return null;
  }
}
