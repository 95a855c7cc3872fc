import { expect } from 'vitest';
import type { ParticipantRole, ResponsePayload } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { connectClient, testMeetingToken, type TestClient } from './platform.js';

export type Joined = ResponsePayload<'join'>;

/** Joins over sockets with tokens the way the HTTP API would issue them. */
export function harness(getPlatform: () => Platform) {
  const clients: TestClient[] = [];
  const token = (room: string, role: ParticipantRole, name: string, extra: { country?: string; lang?: string } = {}) =>
    testMeetingToken(getPlatform().services.meetingSecret, { room, role, name, ...extra });
  const connect = async () => {
    const client = await connectClient(getPlatform().url);
    clients.push(client);
    return client;
  };
  const join = async (room: string, role: ParticipantRole, name: string) => {
    const client = await connect();
    const joined = await client.call<Joined>('join', { roomId: room, displayName: name, token: token(room, role, name) });
    return { client, joined };
  };
  /** A booth guest let in through the lobby by `host`. */
  const admitted = async (host: TestClient, room: string, name: string) => {
    const client = await connect();
    const guestToken = token(room, 'guest', name);
    const lobby = host.next<{ waiting: Array<{ knockId: string }> }>('lobbyChanged');
    const answer = client.next<{ admitted: boolean }>('knockAnswered');
    const { knockId } = await client.call<{ knockId: string }>('knock', { roomId: room, token: guestToken });
    await lobby;
    await host.call('admit', { knockId });
    expect(await answer).toMatchObject({ knockId, admitted: true });
    const joined = await client.call<Joined>('join', { roomId: room, displayName: name, token: guestToken });
    return { client, joined };
  };
  const closeAll = () => {
    for (const c of clients.splice(0)) c.close();
  };
  return { token, connect, join, admitted, closeAll };
}
