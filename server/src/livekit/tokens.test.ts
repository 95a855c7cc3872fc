import { TokenVerifier } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { stageToken } from './tokens.js';

const config = { url: 'ws://127.0.0.1:7880', apiKey: 'APItest', apiSecret: 'a-secret-of-at-least-32-characters!!', tokenTtlSeconds: 600 };
const now = Date.UTC(2026, 11, 4, 12, 0, 0);
const base = { roomId: 'stage-s1', userId: 'u1', name: 'Ada', now, until: now + 3_600_000 };

async function claims(input: Parameters<typeof stageToken>[1]) {
  return new TokenVerifier(config.apiKey, config.apiSecret).verify(await stageToken(config, input));
}

describe('stage tokens', () => {
  it('lets a viewer into one room to subscribe only: no publishing, no data, no admin', async () => {
    const c = await claims({ ...base, moderator: false, onStage: false });
    expect(c.sub).toBe('u1');
    expect(c.name).toBe('Ada');
    expect(c.video).toMatchObject({
      room: 'stage-s1',
      roomJoin: true,
      canSubscribe: true,
      canPublish: false,
      canPublishData: false,
      roomAdmin: false,
    });
  });

  it('lets a moderator publish and administer; a speaker brought on stage publish without administering', async () => {
    expect((await claims({ ...base, moderator: true, onStage: false })).video).toMatchObject({ canPublish: true, roomAdmin: true });
    expect((await claims({ ...base, moderator: false, onStage: true })).video).toMatchObject({ canPublish: true, roomAdmin: false });
  });

  it('is short-lived: the configured TTL, never past the stage end', async () => {
    const long = await claims({ ...base, moderator: false, onStage: false });
    expect(long.exp! - long.nbf!).toBe(600);
    const ending = await claims({ ...base, moderator: false, onStage: false, until: now + 90_000 });
    expect(ending.exp! - ending.nbf!).toBe(90);
  });

  it('is refused when signed with another secret', async () => {
    const token = await stageToken(config, { ...base, moderator: true, onStage: false });
    await expect(new TokenVerifier(config.apiKey, 'another-secret-of-at-least-32-chars!!').verify(token)).rejects.toThrow();
  });
});
