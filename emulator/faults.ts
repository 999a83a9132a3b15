/**
 * Fault injection for CI routes, so clients can be tested against a misbehaving CI.
 *
 * Faults come from three places, later ones replacing earlier ones:
 *   1. startEmulator({ faults })
 *   2. the environment, read by faultsFromEnv() (scripts/emulator.ts and the in-process backend):
 *        EMULATOR_LATENCY_MS      added latency before every answer, in ms (0–120000)
 *        EMULATOR_ERROR_RATE      share of requests (0–1) answered with an injected error
 *        EMULATOR_ERROR_STATUS    its HTTP status (400–599, default 503)
 *        EMULATOR_ERROR_CODE      its CI code (default from the status: 503 ServiceUnavailable,
 *                                 500 InternalError, 429 SlowDown, 403 AccessDenied, …)
 *        EMULATOR_MALFORMED_RATE  share of 2xx/4xx/5xx bodies sent as XML that is not well formed
 *        EMULATOR_TRUNCATE_RATE   share of bodies truncated (see EMULATOR_TRUNCATE_MODE)
 *        EMULATOR_TRUNCATE_MODE   `length`: Content-Length promises the whole body, half is sent and
 *                                 the socket closed; `cut` (default): the body is cut mid-element and
 *                                 Content-Length matches the cut body
 *        EMULATOR_DROP_RATE       share of requests whose connection is destroyed with no response
 *   3. at run time, `PUT /__emulator/faults` (JSON, replaces all), `DELETE` (clears), `GET` (reads).
 *
 * Draws use a seeded generator so a run with the same settings misbehaves the same way. Faults
 * never apply to the /__emulator/ control endpoints.
 */
import { Rng } from './random';

export type TruncateMode = 'length' | 'cut';
export type MalformedMode = 'broken' | 'quirk';

export interface FaultConfig {
  latencyMs: number;
  errorRate: number;
  errorStatus: number;
  errorCode: string;
  errorMessage: string;
  malformedRate: number;
  /** `broken` (default): unrepairable (root left open); `quirk`: CI-documentation-style defect (stray `</Message>`, misspelt close). */
  malformedMode: MalformedMode;
  truncateRate: number;
  truncateMode: TruncateMode;
  dropRate: number;
  /** Only CI requests whose decoded path starts with this are affected (default: all). */
  pathPrefix: string;
  /** Number of matching CI requests the faults still apply to; null = unlimited. At 0 they clear. */
  limit: number | null;
  seed: number;
}

export type FaultSettings = Partial<FaultConfig>;

export const NO_FAULTS: Readonly<FaultConfig> = Object.freeze({
  latencyMs: 0,
  errorRate: 0,
  errorStatus: 503,
  errorCode: 'ServiceUnavailable',
  errorMessage: 'Service is unavailable now, please try again later.',
  malformedRate: 0,
  malformedMode: 'broken',
  truncateRate: 0,
  truncateMode: 'cut',
  dropRate: 0,
  pathPrefix: '/',
  limit: null,
  seed: 1,
});

const CODE_BY_STATUS: Record<number, string> = {
  400: 'InvalidArgument',
  403: 'AccessDenied',
  404: 'NoSuchResource',
  405: 'MethodNotAllowed',
  429: 'SlowDown',
  500: 'InternalError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

const MESSAGE_BY_CODE: Record<string, string> = {
  ServiceUnavailable: 'Service is unavailable now, please try again later.',
  InternalError: 'Internal error, please try again later.',
  SlowDown: 'Please reduce your request rate.',
  SignatureDoesNotMatch: 'The Signature you specified is invalid.',
  AccessDenied: 'Access Denied.',
  RequestTimeTooSkewed: "The difference between the request time and the server's time is too large.",
  InvalidArgument: 'Invalid argument.',
  NoSuchResource: 'The specified resource does not exist.',
  BadGateway: 'Bad gateway.',
  GatewayTimeout: 'Gateway timeout.',
};

export class FaultConfigError extends Error {}

const KEYS = new Set(Object.keys(NO_FAULTS));

function rate(name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1))
    throw new FaultConfigError(`${name} must be a number between 0 and 1`);
  return value;
}

function integer(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new FaultConfigError(`${name} must be an integer between ${min} and ${max}`);
  }
  return value;
}

/** Validates settings (unknown keys are refused so typos do not silently do nothing) and fills defaults. */
export function normalizeFaults(input: unknown): FaultConfig {
  if (input === undefined || input === null) return { ...NO_FAULTS };
  if (typeof input !== 'object' || Array.isArray(input)) throw new FaultConfigError('faults must be a JSON object');
  const s = input as Record<string, unknown>;
  for (const key of Object.keys(s))
    if (!KEYS.has(key)) throw new FaultConfigError(`unknown fault setting '${key}'; known: ${[...KEYS].join(', ')}`);
  const errorStatus =
    s.errorStatus === undefined ? NO_FAULTS.errorStatus : integer('errorStatus', s.errorStatus, 400, 599);
  const errorCode = s.errorCode === undefined ? (CODE_BY_STATUS[errorStatus] ?? 'InternalError') : s.errorCode;
  if (typeof errorCode !== 'string' || !/^[A-Za-z][A-Za-z0-9.]{0,63}$/.test(errorCode)) {
    throw new FaultConfigError('errorCode must be a CI error code such as ServiceUnavailable');
  }
  const errorMessage =
    s.errorMessage === undefined ? (MESSAGE_BY_CODE[errorCode] ?? 'Injected fault.') : s.errorMessage;
  if (typeof errorMessage !== 'string' || errorMessage.length > 500)
    throw new FaultConfigError('errorMessage must be a string of at most 500 characters');
  const truncateMode = s.truncateMode ?? NO_FAULTS.truncateMode;
  if (truncateMode !== 'length' && truncateMode !== 'cut')
    throw new FaultConfigError("truncateMode must be 'length' or 'cut'");
  const malformedMode = s.malformedMode ?? NO_FAULTS.malformedMode;
  if (malformedMode !== 'broken' && malformedMode !== 'quirk')
    throw new FaultConfigError("malformedMode must be 'broken' or 'quirk'");
  const pathPrefix = s.pathPrefix ?? NO_FAULTS.pathPrefix;
  if (typeof pathPrefix !== 'string' || !pathPrefix.startsWith('/'))
    throw new FaultConfigError("pathPrefix must be a path starting with '/'");
  return {
    latencyMs: s.latencyMs === undefined ? 0 : integer('latencyMs', s.latencyMs, 0, 120_000),
    errorRate: s.errorRate === undefined ? 0 : rate('errorRate', s.errorRate),
    errorStatus,
    errorCode,
    errorMessage,
    malformedRate: s.malformedRate === undefined ? 0 : rate('malformedRate', s.malformedRate),
    malformedMode,
    truncateRate: s.truncateRate === undefined ? 0 : rate('truncateRate', s.truncateRate),
    truncateMode,
    dropRate: s.dropRate === undefined ? 0 : rate('dropRate', s.dropRate),
    pathPrefix,
    limit: s.limit === undefined || s.limit === null ? null : integer('limit', s.limit, 0, 1_000_000_000),
    seed: s.seed === undefined ? NO_FAULTS.seed : integer('seed', s.seed, 0, 2 ** 32 - 1),
  };
}

const ENV: readonly [variable: string, key: keyof FaultConfig, kind: 'number' | 'string'][] = [
  ['EMULATOR_LATENCY_MS', 'latencyMs', 'number'],
  ['EMULATOR_ERROR_RATE', 'errorRate', 'number'],
  ['EMULATOR_ERROR_STATUS', 'errorStatus', 'number'],
  ['EMULATOR_ERROR_CODE', 'errorCode', 'string'],
  ['EMULATOR_MALFORMED_RATE', 'malformedRate', 'number'],
  ['EMULATOR_TRUNCATE_RATE', 'truncateRate', 'number'],
  ['EMULATOR_TRUNCATE_MODE', 'truncateMode', 'string'],
  ['EMULATOR_DROP_RATE', 'dropRate', 'number'],
];

/** Fault settings from EMULATOR_* variables, or undefined when none is set. Throws naming a bad variable. */
export function faultsFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): FaultSettings | undefined {
  const settings: Record<string, string | number> = {};
  for (const [variable, key, kind] of ENV) {
    const raw = env[variable]?.trim();
    if (!raw) continue;
    const value = kind === 'number' ? Number(raw) : raw;
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new FaultConfigError(`${variable}: "${raw}" is not a number`);
    settings[key] = value;
  }
  if (Object.keys(settings).length === 0) return undefined;
  try {
    normalizeFaults(settings);
  } catch (error) {
    const variable = ENV.find(([, key]) => (error as Error).message.startsWith(key))?.[0] ?? 'EMULATOR_*';
    throw new FaultConfigError(`${variable}: ${(error as Error).message}`);
  }
  return settings;
}

export interface FaultPlan {
  latencyMs: number;
  drop: boolean;
  error: { status: number; code: string; message: string } | null;
  malformed: MalformedMode | null;
  truncate: TruncateMode | null;
}

export interface FaultCounts {
  delayed: number;
  errors: number;
  malformed: number;
  truncated: number;
  dropped: number;
}

export class FaultInjector {
  private current: FaultConfig;
  private rng: Rng;
  readonly counts: FaultCounts = { delayed: 0, errors: 0, malformed: 0, truncated: 0, dropped: 0 };

  constructor(initial?: FaultSettings) {
    this.current = normalizeFaults(initial);
    this.rng = new Rng(this.current.seed);
  }

  get config(): FaultConfig {
    return { ...this.current };
  }

  /** Settings from a test or PUT /__emulator/faults: checked here, whatever their shape. */
  set(settings: unknown): FaultConfig {
    this.current = normalizeFaults(settings);
    this.rng = new Rng(this.current.seed);
    return this.config;
  }

  clear(): void {
    this.set(undefined);
  }

  /** Decides what goes wrong with one CI request (all draws happen up front, in a fixed order). */
  plan(path: string): FaultPlan | null {
    const c = this.current;
    if (!path.startsWith(c.pathPrefix)) return null;
    if (c.limit !== null) {
      if (c.limit <= 0) return null;
      c.limit -= 1;
    }
    const drop = c.dropRate > 0 && this.rng.next() < c.dropRate;
    const error = c.errorRate > 0 && this.rng.next() < c.errorRate;
    const malformed = c.malformedRate > 0 && this.rng.next() < c.malformedRate;
    const truncate = c.truncateRate > 0 && this.rng.next() < c.truncateRate;
    const plan: FaultPlan = {
      latencyMs: c.latencyMs,
      drop,
      error: error ? { status: c.errorStatus, code: c.errorCode, message: c.errorMessage } : null,
      malformed: malformed ? c.malformedMode : null,
      truncate: truncate ? c.truncateMode : null,
    };
    if (c.limit === 0) this.current = { ...NO_FAULTS };
    if (plan.latencyMs > 0) this.counts.delayed++;
    if (plan.drop) this.counts.dropped++;
    else if (plan.error) this.counts.errors++;
    if (!plan.drop && plan.malformed) this.counts.malformed++;
    if (!plan.drop && plan.truncate) this.counts.truncated++;
    return plan;
  }
}

/** Breaks well-formedness of an XML body. */
export function malform(body: string, mode: MalformedMode): string {
  const close = body.lastIndexOf('</');
  if (mode === 'quirk') {
    // The defects CI's own documentation shows: a stray </Message> after <Code>, a misspelt close.
    const code = body.indexOf('</Code>');
    if (code >= 0) return body.slice(0, code + 7) + '</Message>' + body.slice(code + 7);
    return close >= 0
      ? body.slice(0, close) + body.slice(close).replace(/<\/(\w)(\w)(\w)/, '</$1$3$2')
      : body + '</Message>';
  }
  // The root's end tag becomes a start tag: every element is left open, so no repair can guess.
  return close >= 0 ? body.slice(0, close) + '<' + body.slice(close + 2) : body + '<';
}

/** Cuts a body in the middle of an element name (`…<Jo`), on a character boundary. */
export function cutBody(body: string): string {
  const half = Math.floor(body.length / 2);
  const lt = body.indexOf('<', half);
  const at = lt >= 0 && lt + 3 < body.length ? lt + 3 : Math.max(1, half);
  return body.slice(0, at);
}
