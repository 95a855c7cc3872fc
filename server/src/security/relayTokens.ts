import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * A relay token lets one node of the cluster attach to a stage held by another, as its
 * overflow node (`relayJoin`). It is signed with a key derived from the meeting secret
 * the nodes share, under its own purpose, so no meeting token is ever a relay token and
 * no relay token a meeting token. It lives a minute (it is made for each attach) and
 * names the address and port of the asking node's pipe: a copied token cannot send the
 * stage's media anywhere else.
 */
const relayClaimsSchema = z.strictObject({
  purpose: z.literal('stage-relay'),
  room: z.string(),
  /** The overflow node asking. */
  node: z.string(),
  /** Where its end of the pipe listens: the stage sends media there and nowhere else. */
  pipe: z.strictObject({ ip: z.string(), port: z.number().int() }),
  /** Valid until, epoch seconds. */
  exp: z.number().int(),
});
export type RelayClaims = z.infer<typeof relayClaimsSchema>;

const TTL_SECONDS = 60;

function keyFor(secret: string): Buffer {
  return createHmac('sha256', secret).update('cloud-appointment stage-relay v1').digest();
}

export function signRelayToken(claims: { room: string; node: string; pipe: { ip: string; port: number } }, secret: string, now: number): string {
  const full: RelayClaims = {
    purpose: 'stage-relay',
    room: claims.room,
    node: claims.node,
    pipe: { ip: claims.pipe.ip, port: claims.pipe.port },
    exp: Math.floor(now / 1000) + TTL_SECONDS,
  };
  const body = Buffer.from(JSON.stringify(full)).toString('base64url');
  const mac = createHmac('sha256', keyFor(secret)).update(body).digest('base64url');
  return `${body}.${mac}`;
}

export type RelayTokenCheck =
  { ok: true; claims: RelayClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'wrong-room' | 'wrong-pipe' };

/** Verifies signature, expiry, room and pipe address. `now` is epoch ms. */
export function verifyRelayToken(
  token: string,
  secret: string,
  expected: { room: string; pipe: { ip: string; port: number }; now: number },
): RelayTokenCheck {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expectedMac = createHmac('sha256', keyFor(secret)).update(body).digest();
  const givenMac = Buffer.from(mac, 'base64url');
  if (givenMac.length !== expectedMac.length || !timingSafeEqual(givenMac, expectedMac)) return { ok: false, reason: 'bad-signature' };
  let claims: RelayClaims;
  try {
    claims = relayClaimsSchema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (Math.floor(expected.now / 1000) >= claims.exp) return { ok: false, reason: 'expired' };
  if (claims.room !== expected.room) return { ok: false, reason: 'wrong-room' };
  if (claims.pipe.ip !== expected.pipe.ip || claims.pipe.port !== expected.pipe.port) return { ok: false, reason: 'wrong-pipe' };
  return { ok: true, claims };
}
