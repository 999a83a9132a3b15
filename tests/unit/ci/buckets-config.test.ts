/** CI_BUCKETS: the list parser and the per-bucket configs (endpoint host, key profile). */
import { describe, expect, it } from 'vitest';

import { parseBucketList } from '@/server/ci/bucket-list';
import { ConfigError, readCiConfig, readCiConfigs } from '@/server/ci/config';

const keys = { CI_SECRET_ID: 'AKIDdefault1234', CI_SECRET_KEY: 'default-key' };

function failure(env: Record<string, string>): { variable: string; message: string } | null {
  try {
    readCiConfigs(env);
    return null;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return { variable: e.variable, message: e.message };
  }
}

describe('parseBucketList', () => {
  it('reads buckets, regions and optional profiles, in order', () => {
    expect(parseBucketList('CI_BUCKETS', ' a-1250000000@ap-guangzhou , media-1250000001@ap-shanghai=PROD ')).toEqual([
      { bucket: 'a-1250000000', region: 'ap-guangzhou' },
      { bucket: 'media-1250000001', region: 'ap-shanghai', profile: 'PROD' },
    ]);
  });

  it.each([
    ['', /is empty/],
    ['a-1250000000@ap-guangzhou,', /entry 2 is empty/],
    ['a-1250000000', /entry 1 "a-1250000000" has no region/],
    ['nobucket@ap-guangzhou', /entry 1 .*"nobucket" is not a bucket/],
    ['a-1250000000@Guangzhou', /"Guangzhou" is not a region/],
    ['a-1250000000@ap-guangzhou=prod', /profile after "=" must be/],
    ['a-1250000000@ap-guangzhou=', /profile after "=" must be/],
    ['a-1250000000@ap-guangzhou,a-1250000000@ap-beijing', /entry 2 .*listed twice/],
  ])('refuses %j, naming the variable and the entry', (raw, message) => {
    let error: unknown;
    try {
      parseBucketList('CI_BUCKETS', raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('CI_BUCKETS');
    expect((error as ConfigError).message).toMatch(/^CI_BUCKETS: /);
    expect((error as ConfigError).message).toMatch(message);
  });

  it('refuses profiles where none are taken (EMULATOR_BUCKETS)', () => {
    expect(() => parseBucketList('EMULATOR_BUCKETS', 'a-1250000000@ap-guangzhou=X', { profiles: false })).toThrow(
      /EMULATOR_BUCKETS: entry 1/,
    );
  });
});

describe('readCiConfigs with CI_BUCKETS', () => {
  it('gives each bucket its own CI host and the key pair of its profile', () => {
    const configs = readCiConfigs({
      ...keys,
      CI_BUCKETS: 'a-1250000000@ap-guangzhou,b-1250000001@ap-shanghai=SH',
      CI_SECRET_ID_SH: 'AKIDshanghai1234',
      CI_SECRET_KEY_SH: 'shanghai-key',
    });
    expect(configs?.map((c) => [c.bucket, c.region, c.endpoint, c.credentials.secretId, c.via])).toEqual([
      [
        'a-1250000000',
        'ap-guangzhou',
        'https://a-1250000000.ci.ap-guangzhou.myqcloud.com',
        'AKIDdefault1234',
        undefined,
      ],
      [
        'b-1250000001',
        'ap-shanghai',
        'https://b-1250000001.ci.ap-shanghai.myqcloud.com',
        'AKIDshanghai1234',
        undefined,
      ],
    ]);
    expect(configs?.[1]?.credentials.revealSecretKey()).toBe('shanghai-key');
    // The default bucket is the first.
    expect(readCiConfig({ ...keys, CI_BUCKETS: 'b-1250000001@ap-shanghai,a-1250000000@ap-guangzhou' })?.bucket).toBe(
      'b-1250000001',
    );
  });

  it('needs no default pair when every bucket names a profile', () => {
    const configs = readCiConfigs({
      CI_BUCKETS: 'a-1250000000@ap-guangzhou=ONE',
      CI_SECRET_ID_ONE: 'AKIDoneone1234',
      CI_SECRET_KEY_ONE: 'k',
    });
    expect(configs?.[0]).toMatchObject({ mode: 'ci', bucket: 'a-1250000000' });
  });

  it('with CI_ENDPOINT sends every bucket there, still addressed (and signed) by its own host', () => {
    const configs = readCiConfigs({
      ...keys,
      CI_BUCKETS: 'a-1250000000@ap-guangzhou,b-1250000001@ap-shanghai',
      CI_ENDPOINT: 'http://127.0.0.1:9100',
    });
    expect(configs?.map((c) => [c.endpoint, c.via])).toEqual([
      ['https://a-1250000000.ci.ap-guangzhou.myqcloud.com', 'http://127.0.0.1:9100'],
      ['https://b-1250000001.ci.ap-shanghai.myqcloud.com', 'http://127.0.0.1:9100'],
    ]);
  });

  it('names the variable that is wrong', () => {
    const badEntry = failure({ ...keys, CI_BUCKETS: 'a-1250000000@ap-guangzhou,bad' });
    expect(badEntry?.variable).toBe('CI_BUCKETS');
    expect(badEntry?.message).toContain('entry 2 "bad"');
    expect(failure({ ...keys, CI_BUCKETS: 'a-1250000000@ap-guangzhou', CI_BUCKET: 'a-1250000000' })?.variable).toBe(
      'CI_BUCKET',
    );
    expect(failure({ ...keys, CI_BUCKETS: 'a-1250000000@ap-guangzhou', CI_REGION: 'ap-guangzhou' })?.variable).toBe(
      'CI_REGION',
    );
    const noKey = failure({ CI_BUCKETS: 'a-1250000000@ap-guangzhou' });
    expect(noKey?.variable).toBe('CI_SECRET_ID');
    expect(noKey?.message).toContain('a-1250000000');
    expect(failure({ ...keys, CI_BUCKETS: 'a-1250000000@ap-guangzhou=PROD' })).toMatchObject({
      variable: 'CI_SECRET_ID_PROD',
    });
    expect(
      failure({ ...keys, CI_BUCKETS: 'a-1250000000@ap-guangzhou=PROD', CI_SECRET_ID_PROD: 'AKIDprod12345' })?.variable,
    ).toBe('CI_SECRET_KEY_PROD');
    expect(
      failure({
        ...keys,
        CI_BUCKETS: 'a-1250000000@ap-guangzhou=PROD',
        CI_SECRET_ID_PROD: 'short',
        CI_SECRET_KEY_PROD: 'k',
      })?.variable,
    ).toBe('CI_SECRET_ID_PROD');
    expect(failure({ ...keys, CI_BUCKETS: 'a-1250000000@ap-guangzhou', CI_ENDPOINT: 'ftp://x' })?.variable).toBe(
      'CI_ENDPOINT',
    );
  });

  it('keeps the single-bucket variables as they were', () => {
    const env = { ...keys, CI_BUCKET: 'examplebucket-1250000000', CI_REGION: 'ap-beijing' };
    expect(readCiConfigs(env)?.map((c) => [c.bucket, c.endpoint, c.via])).toEqual([
      ['examplebucket-1250000000', 'https://examplebucket-1250000000.ci.ap-beijing.myqcloud.com', undefined],
    ]);
    expect(readCiConfigs({})).toBeNull();
  });

  it('never shows a profile SecretKey in a config or an error', () => {
    const configs = readCiConfigs({
      ...keys,
      CI_BUCKETS: 'a-1250000000@ap-guangzhou=P',
      CI_SECRET_ID_P: 'AKIDprofile123',
      CI_SECRET_KEY_P: 'PROFILESECRET',
    });
    expect(JSON.stringify(configs)).not.toContain('PROFILESECRET');
    expect(
      failure({
        ...keys,
        CI_BUCKETS: 'a-1250000000@ap-guangzhou=P',
        CI_SECRET_ID_P: 'AKIDprofile123',
        CI_SECRET_KEY_P: 'PROFILE SECRET',
      })?.message,
    ).not.toContain('PROFILE SECRET');
  });
});
