/**
 * Preloaded into the Next server (`node --import ./scripts/peer-address.mjs next start`, see
 * scripts/start.mjs): writes the address of the socket each HTTP request came in on into
 * `x-dashboard-peer`, replacing any value a client sent.
 *
 * Why: nothing inside a Next app can see the socket. Next's server sets `x-forwarded-for` from it
 * only when the request has none (base-server.js: `req.headers['x-forwarded-for'] ??= socket
 * address`), so a client that sends its own X-Forwarded-For hides its address completely. The
 * rate limits key on the client's address (server/api/clients.ts), which must not be the client's
 * to choose. Plain JavaScript with no imports but node:http: it runs before anything is compiled.
 */
import { Server } from 'node:http';

export const PEER_HEADER = 'x-dashboard-peer';

const emit = Server.prototype.emit;
Server.prototype.emit = function emitWithPeer(event, ...args) {
  if (event === 'request') {
    const [req] = args;
    // Always set, so a client-sent copy never survives; empty if the socket is already gone.
    req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? '';
  }
  return emit.call(this, event, ...args);
};
