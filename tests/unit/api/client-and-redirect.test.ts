/**
 * Two things a client sends that must not decide anything: the X-Forwarded-For it makes up (the rate
 * limits key on the client's address) and where it asks to be sent after login (no open redirect).
 */
import { describe, expect, it } from 'vitest';

import { clientAddress, PEER_HEADER } from '@/server/api/clients';
import { rawQueryProblem } from '@/server/api/raw-query';
import { sameOriginPath } from '@/server/api/redirect';

const headers = (peer: string | null, forwarded?: string) =>
  new Headers({
    ...(peer !== null ? { [PEER_HEADER]: peer } : {}),
    ...(forwarded ? { 'x-forwarded-for': forwarded } : {}),
  });

describe('the client address for rate limits', () => {
  it('is the socket address with no trusted proxy, whatever X-Forwarded-For says', () => {
    for (const spoof of [undefined, '1.2.3.4', '1.2.3.4, 5.6.7.8', 'victim']) {
      expect(clientAddress(headers('203.0.113.9', spoof), 0)).toBe('203.0.113.9');
    }
    expect(clientAddress(headers('::ffff:127.0.0.1'), 0)).toBe('127.0.0.1');
    expect(clientAddress(headers('::1'), 0)).toBe('::1');
  });

  it('behind N trusted proxies, is the N-th X-Forwarded-For entry from the right (what the outermost proxy saw)', () => {
    // The client sent "6.6.6.6"; proxy 1 appended the client's real address, proxy 2 appended proxy 1's.
    expect(clientAddress(headers('10.0.0.2', '6.6.6.6, 198.51.100.7'), 1)).toBe('198.51.100.7');
    expect(clientAddress(headers('10.0.0.2', '6.6.6.6, 198.51.100.7, 10.0.0.1'), 2)).toBe('198.51.100.7');
    // Rotating the client-sent part changes nothing.
    expect(clientAddress(headers('10.0.0.2', '7.7.7.7, 198.51.100.7'), 1)).toBe('198.51.100.7');
    // No header from the proxy: its own (socket) address; fewer entries than proxies: the leftmost.
    expect(clientAddress(headers('10.0.0.2'), 1)).toBe('10.0.0.2');
    expect(clientAddress(headers('10.0.0.2', '198.51.100.7'), 3)).toBe('198.51.100.7');
  });

  it('is unknown (null) without the peer hook, rather than trusting the client', () => {
    expect(clientAddress(headers(null, '1.2.3.4'), 0)).toBeNull();
  });
});

describe('the path to return to after login', () => {
  it.each(['/jobs?tag=Snapshot&states=Failed', '/jobs/abc-123', '/overview', '/jobs?inputObject=%E8%A7%86%E9%A2%91'])(
    'keeps a path of this site: %s',
    (path) => {
      expect(sameOriginPath(path)).toBe(path);
    },
  );

  it.each([
    ['//evil.example', 'protocol-relative'],
    ['/\\evil.example', 'backslash after the first slash'],
    ['/\\/evil.example', 'backslash then slash'],
    ['/\t/evil.example', 'a tab the browser drops'],
    ['/\n/evil.example', 'a newline the browser drops'],
    ['/\r\n/evil.example', 'CR LF'],
    ['/.//evil.example', 'a dot segment that leaves "//"'],
    ['https://evil.example/', 'absolute'],
    ['javascript:alert(1)', 'a script URL'],
    ['jobs', 'not a path'],
    ['', 'empty'],
  ])('refuses %j (%s) and falls back to /jobs', (value) => {
    expect(sameOriginPath(value)).toBe('/jobs');
  });

  it('answers what the browser would resolve, so no control character reaches a Location header', () => {
    expect(sameOriginPath('/jobs\n?x=1')).toBe('/jobs?x=1');
    expect(sameOriginPath('/jobs/<b>')).toBe('/jobs/%3Cb%3E');
    expect(() => new Headers({ location: sameOriginPath('/jobs\u0000\r\nSet-Cookie: a=b') })).not.toThrow();
    expect(sameOriginPath(undefined)).toBe('/jobs');
    expect(sameOriginPath(['/jobs'])).toBe('/jobs');
  });
});

describe('the raw query, judged before Next rewrites it', () => {
  it('refuses bytes that are not UTF-8 (they would reach CI as U+FFFD), naming the field', () => {
    expect(rawQueryProblem('?tag=Transcode&inputObject=%FF%FE')).toMatchObject({ field: 'inputObject' });
    expect(rawQueryProblem('?tag=Transcode&inputObject=a%ED%A0%80')).toMatchObject({ field: 'inputObject' });
    expect(rawQueryProblem('?name=%C3')).toMatchObject({ field: 'name' });
    expect(rawQueryProblem('?%FF=1')).toMatchObject({ field: '(name)' });
  });

  it('refuses __proto__, which Next would drop without a word', () => {
    expect(rawQueryProblem('?tag=Transcode&__proto__=x')).toMatchObject({ field: '__proto__' });
    expect(rawQueryProblem('?__%70roto__=x')).toMatchObject({ field: '__proto__' });
  });

  it('lets good UTF-8, + and empty values through to the routes’ own rules', () => {
    expect(rawQueryProblem('?tag=Transcode&inputObject=in%2F%E8%A7%86%E9%A2%91+a.mp4&states=&x')).toBeNull();
    expect(rawQueryProblem('')).toBeNull();
  });
});
