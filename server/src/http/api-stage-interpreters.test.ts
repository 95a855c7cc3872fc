import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type ExpoEvent, type JoinResponse, type ResponsePayload, type SessionInterpreters, type TalkDto } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import { ApiClient, apiError, expectStatus, registerGuest, setServerClock, signIn } from '../test-support/api.js';
import { connectClient, startTestPlatform, type TestClient } from '../test-support/platform.js';
import { opusParameters } from '../test-support/rtp.js';

/** Organizers assign interpreters per language to a stage session; in the stage they speak into that channel only. */
describe('interpreters of stage sessions', () => {
  let platform: Platform;
  let organizer: ApiClient;
  let session: TalkDto;
  let ana: ApiClient;
  let anaEmail: string;
  const start = Date.parse('2027-04-21T09:00:00Z');
  const sockets: TestClient[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform({ ALLOW_TEST_CLOCK: 'true' });
    await setServerClock(platform.url, start - 5 * 60_000);
    const [event] = (await new ApiClient(platform.url).get<{ events: ExpoEvent[] }>('/api/events')).body.events as [ExpoEvent];
    organizer = await signIn(platform.url, DEMO_ACCOUNTS.organizer.email, DEMO_ACCOUNTS.organizer.password);
    ({ session } = expectStatus(
      await organizer.post<{ session: TalkDto }>(`/api/events/${event.id}/sessions`, {
        hallId: event.halls[0]!.id,
        title: 'Keynote with interpretation',
        kind: 'keynote',
        speakers: ['Olivia Organizer'],
        start: new Date(start).toISOString(),
        end: new Date(start + 3600_000).toISOString(),
        capacity: 500,
      }),
      201,
    ).body);
    anaEmail = `ana.interpreter.${Date.now().toString(36)}@example.net`;
    ana = await registerGuest(
      platform.url,
      { name: 'Ana Intérprete', email: anaEmail, timeZone: 'Europe/Madrid' },
      { forwardedFor: '198.51.100.150' },
    );
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await platform.close();
  });

  const path = () => `/api/sessions/${session.id}/interpreters`;
  const enterStage = async (client: ApiClient) => {
    const ticket = expectStatus(await client.post<JoinResponse>(`/api/sessions/${session.id}/meeting`), 200).body;
    const socket = await connectClient(platform.url);
    sockets.push(socket);
    const joined = await socket.call<ResponsePayload<'join'>>('join', { roomId: ticket.roomId, displayName: 'x', token: ticket.token });
    return { socket, joined };
  };

  it('assigns an account by e-mail to a language; in the stage they speak into that channel and no other', async () => {
    const set = expectStatus(await organizer.put<SessionInterpreters>(path(), { interpreters: [{ language: 'es', email: anaEmail }] }), 200).body;
    expect(set.interpreters).toEqual([{ language: 'es', name: 'Ana Intérprete', email: anaEmail }]);
    expect(expectStatus(await organizer.get<SessionInterpreters>(path()), 200).body).toEqual(set);

    const { socket, joined } = await enterStage(ana);
    expect(joined.role).toBe('speaker');
    expect(joined.room.interpretInto).toEqual(['es']);
    const { id } = await socket.call<{ id: string }>('createTransport', { direction: 'send' });
    const produce = (language: string, ssrc: number) =>
      socket.request('produce', { transportId: id, kind: 'audio', source: 'interpretation', language, rtpParameters: opusParameters(ssrc) });
    expect(await produce('fr', 901)).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden, details: { reason: 'not-assigned-language' } } });
    expect(await produce('es', 902)).toMatchObject({ ok: true });

    // Someone else in the audience has nothing to send with; the moderator has no assigned language and may stand in.
    const viewer = await registerGuest(platform.url, { timeZone: 'Asia/Tokyo' }, { forwardedFor: '198.51.100.151' });
    expect((await enterStage(viewer)).joined.role).toBe('audience');
    const moderator = await enterStage(organizer);
    expect(moderator.joined.room.interpretInto).toBeUndefined();
  });

  it('refuses non-organizers, unknown accounts, duplicates, malformed languages and unknown sessions; nothing changes', async () => {
    expectStatus(await organizer.put(path(), { interpreters: [{ language: 'es', email: anaEmail }] }), 200);
    expect(apiError(await ana.put(path(), { interpreters: [] }))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(apiError(await ana.get(path()))).toMatchObject({ code: ErrorCode.Forbidden });
    expect((await new ApiClient(platform.url).put(path(), { interpreters: [] })).status).toBe(401);
    expect(apiError(await organizer.put(path(), { interpreters: [{ language: 'es', email: 'nobody@example.org' }] }))).toMatchObject({
      code: ErrorCode.BadRequest,
      details: { reason: 'unknown-account', emails: ['nobody@example.org'] },
    });
    expect(
      apiError(
        await organizer.put(path(), {
          interpreters: [
            { language: 'fr', email: anaEmail },
            { language: 'fr', email: anaEmail },
          ],
        }),
      ),
    ).toMatchObject({ code: ErrorCode.BadRequest, details: { reason: 'duplicate' } });
    expect(apiError(await organizer.put(path(), { interpreters: [{ language: 'Spanish', email: anaEmail }] }))).toMatchObject({
      code: ErrorCode.BadRequest,
    });
    expect(apiError(await organizer.put(path(), { interpreters: [], extra: 1 }))).toMatchObject({ code: ErrorCode.BadRequest });
    const tooMany = Array.from({ length: 21 }, (_, i) => ({ language: 'es', email: `x${i}@example.org` }));
    expect(apiError(await organizer.put(path(), { interpreters: tooMany }))).toMatchObject({ code: ErrorCode.BadRequest });
    expect(apiError(await organizer.put('/api/sessions/no-such-session/interpreters', { interpreters: [] }))).toMatchObject({
      code: ErrorCode.NotFound,
    });
    expect(expectStatus(await organizer.get<SessionInterpreters>(path()), 200).body.interpreters).toEqual([
      { language: 'es', name: 'Ana Intérprete', email: anaEmail },
    ]);
    // Cleared: Ana watches like everyone else again.
    expectStatus(await organizer.put(path(), { interpreters: [] }), 200);
    const ticket = expectStatus(await ana.post<JoinResponse>(`/api/sessions/${session.id}/meeting`), 200).body;
    expect(JSON.parse(Buffer.from(ticket.token.split('.')[0]!, 'base64url').toString('utf8'))).toMatchObject({ role: 'audience' });
  });
});
