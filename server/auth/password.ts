/**
 * Password hashes for DASHBOARD_USERS: scrypt with a random salt, stored as
 * `scrypt$N$r$p$<salt base64url>$<hash base64url>` so the cost travels with the hash.
 * Node's own scrypt: no native add-on to build, memory-hard, and constant-time comparison.
 */
import 'server-only';

import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

const DEFAULTS = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;
const FORMAT = /^scrypt\$(\d{1,7})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{32,})$/;

export async function hashPassword(password: string, cost = DEFAULTS): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...cost, maxmem: 128 * cost.N * cost.r * 2 });
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export function isPasswordHash(value: string): boolean {
  return FORMAT.test(value);
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = FORMAT.exec(stored);
  if (!m) return false;
  const [, n, r, p, salt, hash] = m;
  const expected = Buffer.from(hash!, 'base64url');
  const options = { N: Number(n), r: Number(r), p: Number(p), maxmem: 128 * Number(n) * Number(r) * 2 };
  const actual = await scrypt(password, Buffer.from(salt!, 'base64url'), expected.length, options);
  return timingSafeEqual(actual, expected);
}
