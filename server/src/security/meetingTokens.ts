import { createHmac, timingSafeEqual } from 'node:crypto';
import { participantRoleSchema } from '@ca/signaling';
import { z } from 'zod';

/**
 * A meeting token grants one participant one role in one room for one time window
 * (least privilege, like LiveKit's access-token grants). Format:
 * base64url(JSON claims) "." base64url(HMAC-SHA256(secret, first part)).
 */
export const meetingClaimsSchema = z.strictObject({
  /** Room the token opens. */
  room: z.string(),
  /** host = booth staff or stage moderator (runs the meeting); guest = visitor; speaker/audience on a stage. */
  role: participantRoleSchema,
  /** Participant (user id). */
  sub: z.string(),
  /** Name shown on the tile. */
  name: z.string(),
  /** Shown to hosts while the participant waits in a lobby (ISO country, BCP 47 language). */
  country: z.string().max(8).optional(),
  lang: z.string().max(35).optional(),
  /**
   * What granted it, checked again at every join so a token dies with its grant: an
   * appointment (`appt`) at its `ver`sion (bumped on cancel, reschedule or a move), or an
   * agenda session (`agenda`) that must still exist.
   */
  appt: z.string().max(64).optional(),
  ver: z.number().int().optional(),
  agenda: z.string().max(64).optional(),
  /** Languages the participant was assigned to interpret into (an appointment's or a stage's interpreter). */
  interp: z.array(z.string().max(35)).max(8).optional(),
  /** Valid from / until, epoch seconds. */
  nbf: z.number().int(),
  exp: z.number().int(),
});
export type MeetingClaims = z.infer<typeof meetingClaimsSchema>;

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');

export function signMeetingToken(claims: MeetingClaims, secret: string): string {
  const body = b64(JSON.stringify(claims));
  const mac = createHmac('sha256', secret).update(body).digest();
  return `${body}.${b64(mac)}`;
}

export type TokenCheck =
  { ok: true; claims: MeetingClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'not-yet-valid' | 'expired' | 'wrong-room' };

/** Verifies signature, window and room. `now` is epoch ms. */
export function verifyMeetingToken(token: string, secret: string, expected: { room: string; now: number }): TokenCheck {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined || token.length > 4096) return { ok: false, reason: 'malformed' };
  const expectedMac = createHmac('sha256', secret).update(body).digest();
  const givenMac = Buffer.from(mac, 'base64url');
  if (givenMac.length !== expectedMac.length || !timingSafeEqual(givenMac, expectedMac)) {
    return { ok: false, reason: 'bad-signature' };
  }
  let parsed: MeetingClaims;
  try {
    parsed = meetingClaimsSchema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const nowSeconds = Math.floor(expected.now / 1000);
  if (nowSeconds < parsed.nbf) return { ok: false, reason: 'not-yet-valid' };
  if (nowSeconds >= parsed.exp) return { ok: false, reason: 'expired' };
  if (parsed.room !== expected.room) return { ok: false, reason: 'wrong-room' };
  return { ok: true, claims: parsed };
}
