import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { ApiClient, expectStatus, registerGuest } from '../test-support/api.js';
import { startTestPlatform } from '../test-support/platform.js';

type ListDto = { notifications: Notification[]; unread: number };

describe('notifications API', () => {
  let platform: Platform;
  let ada: ApiClient;
  let bob: ApiClient;

  /** Writes a notification for the user straight into the store (reminders are the only writer today). */
  const notify = async (userId: string, createdAt: string): Promise<string> => {
    const id = randomUUID();
    const written = await platform.services.store.notifications.add({
      id,
      user_id: userId,
      appointment_id: null,
      kind: 'reminder-24h',
      dedupe_key: `test:${id}`,
      message: 'English text the client must not show',
      created_at: createdAt,
      read_at: null,
    });
    expect(written).toBe(true);
    return id;
  };
  const list = async (client: ApiClient) => expectStatus(await client.get<ListDto>('/api/notifications'), 200, 'list').body;

  beforeAll(async () => {
    platform = await startTestPlatform();
    ada = await registerGuest(platform.url, { timeZone: 'Europe/Madrid', name: 'Ada Notified' });
    bob = await registerGuest(platform.url, { timeZone: 'Asia/Dubai', name: 'Bob Other' });
  });
  afterAll(async () => platform?.close());

  it('answers 401 to a caller who is not signed in, on every route', async () => {
    const anon = new ApiClient(platform.url);
    expect((await anon.get('/api/notifications')).status).toBe(401);
    expect((await anon.post(`/api/notifications/${randomUUID()}/read`, {})).status).toBe(401);
    expect((await anon.post('/api/notifications/read-all', {})).status).toBe(401);
  });

  it("lists newest first with the unread count, marks one read, and 404s on another user's or a malformed id", async () => {
    const older = await notify(ada.user!.id, '2026-12-01T10:00:00.000Z');
    const newer = await notify(ada.user!.id, '2026-12-02T10:00:00.000Z');
    const bobs = await notify(bob.user!.id, '2026-12-03T10:00:00.000Z');

    const before = await list(ada);
    expect(before.notifications.map((n) => n.id)).toEqual([newer, older]);
    expect(before.unread).toBe(2);

    // Someone else's notification reads as missing, and stays unread for its owner.
    expect((await ada.post(`/api/notifications/${bobs}/read`, {})).status).toBe(404);
    expect((await list(bob)).unread).toBe(1);
    expect((await ada.post('/api/notifications/not-a-real-id/read', {})).status).toBe(404);
    expect((await ada.post(`/api/notifications/${'x'.repeat(65)}/read`, {})).status).toBe(404);
    // Writes need the CSRF token.
    expect((await ada.request('POST', `/api/notifications/${older}/read`, { body: {}, csrf: false })).status).toBe(403);

    expect((await ada.post(`/api/notifications/${older}/read`, {})).status).toBe(204);
    const after = await list(ada);
    expect(after.unread).toBe(1);
    expect(after.notifications.find((n) => n.id === older)!.read).toBe(true);
    expect(after.notifications.find((n) => n.id === newer)!.read).toBe(false);
  });

  it('answers every racing mark-read of the same notification with 204 and counts it once', async () => {
    const id = await notify(bob.user!.id, '2026-12-04T10:00:00.000Z');
    const unreadBefore = (await list(bob)).unread;
    const statuses = await Promise.all(Array.from({ length: 6 }, () => bob.post(`/api/notifications/${id}/read`, {})));
    expect(statuses.map((r) => r.status)).toEqual(Array(6).fill(204));
    expect((await list(bob)).unread).toBe(unreadBefore - 1);
  });

  it('marks all read once: racing read-alls mark each notification a single time', async () => {
    await notify(ada.user!.id, '2026-12-05T10:00:00.000Z');
    const unread = (await list(ada)).unread;
    expect(unread).toBeGreaterThan(0);
    const answers = await Promise.all([0, 1, 2].map(() => ada.post<{ marked: number }>('/api/notifications/read-all', {})));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.reduce((sum, a) => sum + a.body.marked, 0)).toBe(unread);
    const after = await list(ada);
    expect(after.unread).toBe(0);
    expect(after.notifications.every((n) => n.read)).toBe(true);
    // Bob's are untouched.
    expect((await list(bob)).unread).toBeGreaterThan(0);
  });
});
