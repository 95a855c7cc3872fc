import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * Which peers may tell us the client's address in `X-Forwarded-For` (`TRUST_PROXY`):
 * nobody (the default: the TCP peer is the client), the nearest `hops` peers (each
 * proxy in front adds one), or peers inside these addresses/CIDRs (proxy-addr's names
 * `loopback`, `linklocal` and `uniquelocal` allowed).
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'cidrs'; cidrs: string[] };

/** proxy-addr's trust test: `hop` 0 is the TCP peer, 1 the address it forwarded for, and so on. */
export type TrustFunction = (address: string, hop: number) => boolean;

/**
 * Reads a `TRUST_PROXY` value: empty, `false` or `0` trust nobody; a whole number is a hop
 * count; anything else a comma-separated list of addresses or CIDRs. Throws on a bad entry.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false' || text === '0') return { kind: 'none' };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 16) throw new Error('TRUST_PROXY: a hop count above 16 is not a real deployment');
    return { kind: 'hops', hops };
  }
  const cidrs = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // proxy-addr refuses what it cannot parse ("invalid IP address", "invalid range on address").
  proxyaddr.compile(cidrs);
  return { kind: 'cidrs', cidrs };
}

/** The trust test for Express's `trust proxy` setting and `clientAddress`. */
export function trustFunction(trust: TrustProxy): TrustFunction {
  switch (trust.kind) {
    case 'none':
      return () => false;
    case 'hops':
      return (_address, hop) => hop < trust.hops;
    case 'cidrs': {
      const compiled = proxyaddr.compile(trust.cidrs);
      return (address, hop) => compiled(address, hop);
    }
  }
}

/**
 * The client's address of an HTTP request or a Socket.io handshake (`socket.request`): the
 * TCP peer, or the nearest address in `X-Forwarded-For` that a trusted proxy vouches for.
 * The same function Express uses for `req.ip`, so HTTP and signaling see one client alike.
 */
export function clientAddress(req: IncomingMessage, trust: TrustFunction): string {
  return proxyaddr(req, trust);
}
