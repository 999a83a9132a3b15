/**
 * A stand-in upstream for client tests: a real HTTP server on a free loopback port that records
 * every request, checks its Authorization with the shared signer, and answers what the test says.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { parseAuthorization, sign } from '@/server/ci/sign';

export interface Recorded {
  method: string;
  path: string;
  query: [string, string][];
  headers: IncomingMessage['headers'];
  /** Whether the Authorization verifies for this path, query and host with the expected key. */
  signatureValid: boolean;
  /** Every query parameter sent is covered by the signature, and host is signed. */
  coversAll: boolean;
}

export type Handler = (req: Recorded, res: ServerResponse) => void;

export async function startRecordingCi(secretKey: string, handler: Handler) {
  const recorded: Recorded[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const query = [...url.searchParams] as [string, string][];
    const auth = parseAuthorization(req.headers.authorization);
    let signatureValid = false;
    let coversAll = false;
    if (auth) {
      const headers = auth.headerList.map((h) => [h, String(req.headers[h] ?? '')] as [string, string]);
      const expected = sign({
        method: req.method ?? 'GET',
        path: decodeURIComponent(url.pathname),
        query: query.filter(([k]) => auth.urlParamList.includes(k.toLowerCase())),
        headers,
        secretId: auth.secretId,
        secretKey,
        startTime: auth.startTime,
        endTime: auth.endTime,
      });
      signatureValid = expected.signature === auth.signature;
      coversAll = auth.headerList.includes('host') && query.every(([k]) => auth.urlParamList.includes(k.toLowerCase()));
    }
    const entry: Recorded = {
      method: req.method ?? '',
      path: decodeURIComponent(url.pathname),
      query,
      headers: req.headers,
      signatureValid,
      coversAll,
    };
    recorded.push(entry);
    handler(entry, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    recorded,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function xml(res: ServerResponse, status: number, body: string, requestId = 'req-1') {
  res.writeHead(status, { 'content-type': 'application/xml', 'x-ci-request-id': requestId });
  res.end(body);
}
