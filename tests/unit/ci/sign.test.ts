import { describe, expect, it } from 'vitest';

import { canonicalList, ciEncode, parseAuthorization, sign } from '@/server/ci/sign';

// ci-api-reference.md §1.6: the official worked examples and the SDK's own vectors.
const DOC_KEYS = { secretId: 'AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q', secretKey: 'BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz' };

describe('sign: reference vectors', () => {
  it('A — upload example with a non-ASCII key and quoted header value', () => {
    const r = sign({
      ...DOC_KEYS,
      method: 'PUT',
      path: '/exampleobject(腾讯云)',
      headers: {
        Date: 'Thu, 16 May 2019 06:45:51 GMT',
        Host: 'examplebucket-1250000000.cos.ap-beijing.myqcloud.com',
        'Content-Type': 'text/plain',
        'Content-Length': '13',
        'Content-MD5': 'mQ/fVh815F3k6TAUm8m0eg==',
        'x-cos-acl': 'private',
        'x-cos-grant-read': 'uin="100000000011"',
      },
      startTime: 1557989151,
      endTime: 1557996351,
    });
    expect(r.signKey).toBe('eb2519b498b02ac213cb1f3d1a3d27a3b3c9bc5f');
    expect(r.headerList).toBe('content-length;content-md5;content-type;date;host;x-cos-acl;x-cos-grant-read');
    expect(r.httpHeaders).toBe(
      'content-length=13&content-md5=mQ%2FfVh815F3k6TAUm8m0eg%3D%3D&content-type=text%2Fplain&date=Thu%2C%2016%20May%202019%2006%3A45%3A51%20GMT&host=examplebucket-1250000000.cos.ap-beijing.myqcloud.com&x-cos-acl=private&x-cos-grant-read=uin%3D%22100000000011%22',
    );
    expect(r.stringToSign).toBe('sha1\n1557989151;1557996351\n8b2751e77f43a0995d6e9eb9477f4b685cca4172\n');
    expect(r.signature).toBe('3b8851a11a569213c17ba8fa7dcf2abec6935172');
    expect(r.urlParamList).toBe('');
  });

  it('B — download example with encoded query values', () => {
    const r = sign({
      ...DOC_KEYS,
      method: 'GET',
      path: '/exampleobject(腾讯云)',
      query: [
        ['response-content-type', 'application/octet-stream'],
        ['response-cache-control', 'max-age=600'],
      ],
      headers: { Date: 'Thu, 16 May 2019 06:55:53 GMT', Host: 'examplebucket-1250000000.cos.ap-beijing.myqcloud.com' },
      startTime: 1557989753,
      endTime: 1557996953,
    });
    expect(r.signKey).toBe('937914bf490e9e8c189836aad2052e4feeb35eaf');
    expect(r.urlParamList).toBe('response-cache-control;response-content-type');
    expect(r.httpParameters).toBe(
      'response-cache-control=max-age%3D600&response-content-type=application%2Foctet-stream',
    );
    expect(r.headerList).toBe('date;host');
    expect(r.stringToSign).toBe('sha1\n1557989753;1557996953\n54ecfe22f59d3514fdc764b87a32d8133ea611e6\n');
    expect(r.signature).toBe('01681b8c9d798a678e43b685a9f1bba0f6c0e012');
  });

  it('C — the Go SDK unit test, full Authorization', () => {
    const r = sign({
      secretId: 'QmFzZTY0IGlzIGEgZ2VuZXJp',
      secretKey: 'AKIDZfbOA78asKUYBcXFrJD0a1ICvR98JM',
      method: 'PUT',
      path: '/testfile2',
      headers: {
        Host: 'testbucket-125000000.cos.ap-guangzhou.myqcloud.com',
        'x-cos-content-sha1': 'db8ac1c259eb89d4a131b253bacfca5f319d54f2',
        'x-cos-stroage-class': 'nearline',
      },
      startTime: 1480932292,
      endTime: 1481012292,
    });
    expect(r.signKey).toBe('95d110a8ead64cac52083100db75b7e3f369e72f');
    expect(r.authorization).toBe(
      'q-sign-algorithm=sha1&q-ak=QmFzZTY0IGlzIGEgZ2VuZXJp&q-sign-time=1480932292;1481012292&q-key-time=1480932292;1481012292&q-header-list=host;x-cos-content-sha1;x-cos-stroage-class&q-url-param-list=&q-signature=ce4ac0ecbcdb30538b3fee0a97cc6389694ce53a',
    );
  });

  it('D — lower-case header names and a range value', () => {
    const r = sign({
      ...DOC_KEYS,
      method: 'GET',
      path: '/testfile',
      headers: { host: 'bucket1-1254000000.cos.ap-beijing.myqcloud.com', range: 'bytes=0-3' },
      startTime: 1417773892,
      endTime: 1417853898,
    });
    expect(r.signKey).toBe('d265642cf75792e70e35030fd14e73134094d673');
    expect(r.httpString).toBe(
      'get\n/testfile\n\nhost=bucket1-1254000000.cos.ap-beijing.myqcloud.com&range=bytes%3D0-3\n',
    );
    expect(r.signature).toBe('4b6cbab14ce01381c29032423481ebffd514e8be');
  });

  const listQuery: [string, string][] = [
    ['tag', 'Transcode'],
    ['queueId', 'p893bcda225bf4945a378da6662e81a89'],
    ['size', '10'],
    ['states', 'Success,Failed'],
    ['startCreationTime', '2024-01-01T00:00:00+0800'],
    ['nextToken', ''],
  ];
  const host = 'examplebucket-1250000000.ci.ap-beijing.myqcloud.com';

  it('E — a CI list-jobs request with an empty nextToken and a + in the time', () => {
    const r = sign({
      ...DOC_KEYS,
      method: 'GET',
      path: '/jobs',
      query: listQuery,
      headers: { Host: host },
      startTime: 1700000000,
      endTime: 1700003600,
    });
    expect(r.signKey).toBe('552178a693a0d230b84a4f15c143bc3c2cb3d9c0');
    expect(r.urlParamList).toBe('nexttoken;queueid;size;startcreationtime;states;tag');
    expect(r.httpParameters).toBe(
      'nexttoken=&queueid=p893bcda225bf4945a378da6662e81a89&size=10&startcreationtime=2024-01-01T00%3A00%3A00%2B0800&states=Success%2CFailed&tag=Transcode',
    );
    expect(r.headerList).toBe('host');
    expect(r.stringToSign.split('\n')[2]).toBe('14bb4a0daa6b062469dbace1bf0d70f75ad936af');
    expect(r.signature).toBe('99c32c883b9798eb9356bbd993d7fe4adf2ec252');
  });

  it('E — with a signed security token holding a space, / + and =', () => {
    const r = sign({
      ...DOC_KEYS,
      method: 'GET',
      path: '/jobs',
      query: listQuery,
      headers: { Host: host, 'x-ci-security-token': 'tok en/+=' },
      startTime: 1700000000,
      endTime: 1700003600,
    });
    expect(r.headerList).toBe('host;x-ci-security-token');
    expect(r.httpHeaders).toContain('x-ci-security-token=tok%20en%2F%2B%3D');
    expect(r.stringToSign.split('\n')[2]).toBe('935bb35ee62ff668e9ea44030f31c0eaf533d97a');
    expect(r.signature).toBe('f909121e72309409274c8fe103f84167e37b4894');
  });
});

describe('sign: encoding edge cases', () => {
  it('encodes everything but unreserved characters, in upper-case hex, space as %20', () => {
    expect(ciEncode("a b+c/d%e:f!'()*~-_.")).toBe('a%20b%2Bc%2Fd%25e%3Af%21%27%28%29%2A~-_.');
    expect(ciEncode('腾讯云')).toBe('%E8%85%BE%E8%AE%AF%E4%BA%91');
    expect(ciEncode('')).toBe('');
  });

  it('lower-cases and sorts names, keeps value case, keeps empty values', () => {
    const { joined, list } = canonicalList([
      ['Tag', 'Transcode'],
      ['queueId', 'AbC'],
      ['acl', ''],
    ]);
    expect(list).toBe('acl;queueid;tag');
    expect(joined).toBe('acl=&queueid=AbC&tag=Transcode');
  });

  it('encodes names before lower-casing and sorting them', () => {
    const { list } = canonicalList([
      ['X-Ci-Ä', '1'],
      ['a b', '2'],
    ]);
    expect(list).toBe('a%20b;x-ci-%c3%84');
  });

  it('signs the decoded path: non-ASCII and spaced object keys', () => {
    const base = { ...DOC_KEYS, method: 'GET', startTime: 1, endTime: 2 };
    const decoded = sign({ ...base, path: '/jobs/输入 文件+1.mp4' });
    expect(decoded.httpString).toBe('get\n/jobs/输入 文件+1.mp4\n\n\n');
    expect(decoded.signature).not.toBe(sign({ ...base, path: '/jobs/%E8%BE%93' }).signature);
  });

  it('changes the signature when any signed part changes', () => {
    const base = {
      ...DOC_KEYS,
      method: 'GET',
      path: '/jobs',
      query: { tag: 'Transcode' },
      headers: { host: 'h' },
      startTime: 1,
      endTime: 2,
    };
    const s = sign(base).signature;
    expect(sign({ ...base, query: { tag: 'Snapshot' } }).signature).not.toBe(s);
    expect(sign({ ...base, headers: { host: 'g' } }).signature).not.toBe(s);
    expect(sign({ ...base, secretKey: 'other' }).signature).not.toBe(s);
    expect(sign({ ...base, endTime: 3 }).signature).not.toBe(s);
    expect(sign({ ...base, method: 'get' }).signature).toBe(s);
  });

  it('parses its own Authorization back', () => {
    const r = sign({
      ...DOC_KEYS,
      method: 'GET',
      path: '/jobs',
      query: { tag: 'T', size: '1' },
      headers: { host: 'h' },
      startTime: 10,
      endTime: 20,
    });
    expect(parseAuthorization(r.authorization)).toMatchObject({
      secretId: DOC_KEYS.secretId,
      startTime: 10,
      endTime: 20,
      headerList: ['host'],
      urlParamList: ['size', 'tag'],
      signature: r.signature,
    });
    expect(parseAuthorization('garbage')).toBeNull();
    expect(parseAuthorization('q-sign-algorithm=sha1&q-ak=x')).toBeNull();
  });
});
