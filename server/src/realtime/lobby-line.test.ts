import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantRole } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { connectClient, startTestPlatform, testMeetingToken, type TestClient } from '../test-support/platform.js';

type Position = { knockId: string; position: number; waiting: number; hosts: number; etaMinutes: number | null };

describe("a booth's walk-in line: place and estimated wait", () => {
  let platform: Platform;
  const clients: TestClient[] = [];
  let seq = 0;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(() => platform.close());

  const token = (room: string, role: ParticipantRole, name: string) => testMeetingToken(platform.services.meetingSecret, { room, role, name });
  const connect = async () => {
    const client = await connectClient(platform.url);
    clients.push(client);
    return client;
  };
  /** A guest who knocks; `seen` collects every lobbyPosition push they get, newest last. */
  const knocker = async (room: string, name: string) => {
    const client = await connect();
    const seen: Position[] = [];
    client.socket.on('lobbyPosition', (p: Position) => seen.push(p));
    const { knockId } = await client.call<{ knockId: string }>('knock', { roomId: room, token: token(room, 'guest', name) });
    return { client, knockId, seen, last: () => seen.at(-1) };
  };
  const host = async (room: string, name: string) => {
    const client = await connect();
    await client.call('join', { roomId: room, displayName: name, token: token(room, 'host', name) });
    return client;
  };
  /** Past walk-in visits of a booth, each `minutes` long, as the media server records them. */
  const history = async (boothId: string, minutes: number[]) => {
    const { attendance } = platform.services.store;
    for (const [i, m] of minutes.entries()) {
      const start = Date.parse('2026-11-01T09:00:00Z') + i * 3_600_000;
      await attendance.joined({ roomId: `booth-${boothId}`, userId: `past-${boothId}-${i}`, role: 'guest', at: new Date(start).toISOString() });
      await attendance.left({ roomId: `booth-${boothId}`, userId: `past-${boothId}-${i}`, at: new Date(start + m * 60_000).toISOString() });
    }
  };

  it('counts places first come, first served, estimates from the booth’s own past walk-ins, and updates as hosts admit and arrive', async () => {
    const boothId = `line${++seq}`;
    const room = `booth-${boothId}`;
    await history(boothId, [18, 22, 20, 45, 5]); // median 20 minutes
    const ana = await knocker(room, 'Ana');
    // No host in the room: a place, but nobody can say how long.
    await expect.poll(ana.last).toEqual({ knockId: ana.knockId, position: 1, waiting: 1, hosts: 0, etaMinutes: null });

    const staff = await host(room, 'Host One');
    await expect.poll(ana.last).toMatchObject({ position: 1, hosts: 1, etaMinutes: 20 });
    const ben = await knocker(room, 'Ben');
    await expect.poll(ben.last).toMatchObject({ position: 2, waiting: 2, etaMinutes: 40 });
    await expect.poll(ana.last).toMatchObject({ position: 1, waiting: 2 });

    await staff.call('admit', { knockId: ana.knockId });
    await expect.poll(ben.last).toMatchObject({ position: 1, waiting: 1, etaMinutes: 20 });

    // A second host: two guests are seen at a time.
    await host(room, 'Host Two');
    const cleo = await knocker(room, 'Cleo');
    await expect.poll(cleo.last).toMatchObject({ position: 2, waiting: 2, hosts: 2, etaMinutes: 20 });

    // Ben gives up: Cleo moves up.
    ben.client.close();
    await expect.poll(cleo.last).toMatchObject({ position: 1, waiting: 1 });
  });

  it('assumes 10 minutes for a booth with too little history, and tells nobody but the knocking guest', async () => {
    const room = `booth-line${++seq}`;
    const staff = await host(room, 'Host');
    const hostPushes: unknown[] = [];
    staff.socket.on('lobbyPosition', (p: unknown) => hostPushes.push(p));
    const dan = await knocker(room, 'Dan');
    await expect.poll(dan.last).toMatchObject({ position: 1, hosts: 1, etaMinutes: 10 });
    expect(hostPushes).toEqual([]);
  });
});
