import { describe, expect, it } from 'vitest';

import { ConfigError, readCiConfig } from '@/server/ci/config';

const base = {
  CI_SECRET_ID: 'AKIDexample1234',
  CI_SECRET_KEY: 'k3y',
  CI_BUCKET: 'examplebucket-1250000000',
  CI_REGION: 'ap-beijing',
};
const variableOf = (env: Record<string, string>) => {
  try {
    readCiConfig(env);
    return null;
  } catch (e) {
    return e instanceof ConfigError ? e.variable : 'not a ConfigError';
  }
};

describe('configuration from the environment', () => {
  it('means the emulator when no SecretId is set', () => {
    expect(readCiConfig({})).toBeNull();
  });

  it('builds the CI endpoint from bucket and region, or takes CI_ENDPOINT', () => {
    expect(readCiConfig(base)?.endpoint).toBe('https://examplebucket-1250000000.ci.ap-beijing.myqcloud.com');
    expect(readCiConfig({ ...base, CI_ENDPOINT: 'http://127.0.0.1:9100/' })?.endpoint).toBe('http://127.0.0.1:9100');
    expect(readCiConfig(base)).toMatchObject({ mode: 'ci', timeoutMs: 10_000, maxRetries: 2 });
  });

  it('names the variable that is wrong', () => {
    expect(variableOf({ CI_SECRET_KEY: 'x' })).toBe('CI_SECRET_ID');
    expect(variableOf({ ...base, CI_SECRET_KEY: '' })).toBe('CI_SECRET_KEY');
    expect(variableOf({ ...base, CI_BUCKET: 'nobucket' })).toBe('CI_BUCKET');
    expect(variableOf({ ...base, CI_BUCKET: '' })).toBe('CI_BUCKET');
    expect(variableOf({ ...base, CI_REGION: 'Beijing!' })).toBe('CI_REGION');
    expect(variableOf({ ...base, CI_ENDPOINT: 'ftp://x' })).toBe('CI_ENDPOINT');
    expect(variableOf({ ...base, CI_ENDPOINT: 'http://h/path' })).toBe('CI_ENDPOINT');
    expect(variableOf({ ...base, CI_TIMEOUT_MS: 'soon' })).toBe('CI_TIMEOUT_MS');
  });

  it('never shows the SecretKey in the config or the error', () => {
    const config = readCiConfig({ ...base, CI_SECRET_KEY: 'TOPSECRETVALUE' });
    expect(JSON.stringify(config)).not.toContain('TOPSECRETVALUE');
    expect(String(config?.credentials)).not.toContain('TOPSECRETVALUE');
    try {
      readCiConfig({ ...base, CI_SECRET_KEY: 'TOP SECRET' });
    } catch (e) {
      expect(String(e)).not.toContain('TOP SECRET');
    }
  });
});
