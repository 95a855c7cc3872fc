import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type TalkDto, type Booth, type ExpoEvent, type JoinResponse } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import { ApiClient, apiError, expectStatus, registerGuest, setServerClock, signIn } from '../test-support/api.js';
import { connectClient, startTestPlatform } from '../test-support/platform.js';

const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('meeting tickets for booth walk-ins and agenda stages', () => {
  let platform: Platform;
  let event: ExpoEvent;
  let shenzhen: Booth;
  let session: TalkDto;
  const start = Date.parse('2027-04-20T08:00:00Z');

  beforeAll(async () => {
    platform = await startTestPlatform({ ALLOW_TEST_CLOCK: 'true' });
    await setServerClock(platform.url, start - 2 * 3600_000);
    const anon = new ApiClient(platform.url);
    [event] = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events as [ExpoEvent];
    const booths = (await anon.get<{ booths: Booth[] }>(`/api/events/${event.id}/booths`)).body.booths;
    shenzhen = booths.find((b) => b.organisation === 'Shenzhen Photonics')!;
    const organizer = await signIn(platform.url, DEMO_ACCOUNTS.organizer.email, DEMO_ACCOUNTS.organizer.password);
    ({ session } = expectStatus(
      await organizer.post<{ session: TalkDto }>(`/api/events/${event.id}/sessions`, {
        hallId: event.halls[0]!.id,
        title: 'Photonics keynote',
        kind: 'keynote',
        speakers: ['Wang Fang'],
        start: new Date(start).toISOString(),
        end: new Date(start + 3600_000).toISOString(),
        capacity: 500,
      }),
      201,
    ).body);
  });
  afterAll(() => platform.close());

  it("gives the booth's staff a host ticket and a signed-in visitor a guest ticket with their country and language", async () => {
    const staff = await signIn(platform.url, DEMO_ACCOUNTS.exhibitor.email, DEMO_ACCOUNTS.exhibitor.password);
    const host = expectStatus(await staff.post<JoinResponse>(`/api/booths/${shenzhen.id}/meeting`), 200).body;
    expect(host).toMatchObject({ roomId: `booth-${shenzhen.id}`, url: `/meet/booth-${shenzhen.id}` });
    expect(claims(host.token)).toMatchObject({ role: 'host', room: `booth-${shenzhen.id}` });
    const visitor = await registerGuest(platform.url, { timeZone: 'America/Sao_Paulo', name: 'Ana' }, { forwardedFor: '198.51.100.77' });
    const guest = expectStatus(await visitor.post<JoinResponse>(`/api/booths/${shenzhen.id}/meeting`), 200).body;
    expect(claims(guest.token)).toMatchObject({ role: 'guest', name: 'Ana', country: expect.any(String), lang: expect.any(String) });
  });

  it('refuses a walk-in without a session (401) and for an unknown booth (404)', async () => {
    expect((await new ApiClient(platform.url).post(`/api/booths/${shenzhen.id}/meeting`)).status).toBe(401);
    const visitor = await registerGuest(platform.url, { timeZone: 'Europe/Berlin' }, { forwardedFor: '198.51.100.78' });
    const res = await visitor.post('/api/booths/no-such-booth/meeting');
    expect(res.status).toBe(404);
    expect(apiError(res).code).toBe(ErrorCode.NotFound);
  });

  it('opens the stage to the audience 15 minutes before the session; the organizer moderates at any time before the end', async () => {
    const visitor = await registerGuest(platform.url, { timeZone: 'Asia/Tokyo' }, { forwardedFor: '198.51.100.79' });
    const early = await visitor.post(`/api/sessions/${session.id}/meeting`);
    expect(early.status).toBe(409);
    expect(apiError(early).details).toEqual({ opensAt: new Date(start - 15 * 60_000).toISOString() });
    const organizer = await signIn(platform.url, DEMO_ACCOUNTS.organizer.email, DEMO_ACCOUNTS.organizer.password);
    const moderator = expectStatus(await organizer.post<JoinResponse>(`/api/sessions/${session.id}/meeting`), 200).body;
    expect(claims(moderator.token)).toMatchObject({ role: 'host', room: `stage-${session.id}` });
    // STAGE_MEDIA unset: the stage stays on mediasoup, the ticket names no other engine.
    expect(moderator.livekit).toBeUndefined();

    await setServerClock(platform.url, start - 10 * 60_000);
    const viewer = expectStatus(await visitor.post<JoinResponse>(`/api/sessions/${session.id}/meeting`), 200).body;
    expect(claims(viewer.token)).toMatchObject({ role: 'audience' });
    // The ticket opens the stage as audience over signaling.
    const socket = await connectClient(platform.url);
    const joined = await socket.call<{ role: string }>('join', { roomId: viewer.roomId, displayName: 'ignored', token: viewer.token });
    expect(joined.role).toBe('audience');
    socket.close();

    await setServerClock(platform.url, start + 91 * 60_000);
    expect((await visitor.post(`/api/sessions/${session.id}/meeting`)).status).toBe(409);
    await setServerClock(platform.url, start - 2 * 3600_000);
  });
});
