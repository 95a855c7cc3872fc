import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type TalkDto, type AgendaWarningDto, type ExpoEvent } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import { apiError, expectStatus, registerGuest, signIn, type ApiClient } from '../test-support/api.js';
import { startTestPlatform } from '../test-support/platform.js';

type Agenda = { sessions: TalkDto[]; warnings: AgendaWarningDto[] };

describe('agenda editing', () => {
  let platform: Platform;
  let organizer: ApiClient;
  let event: ExpoEvent;
  beforeAll(async () => {
    platform = await startTestPlatform();
    organizer = await signIn(platform.url, DEMO_ACCOUNTS.organizer.email, DEMO_ACCOUNTS.organizer.password);
    [event] = (await organizer.get<{ events: ExpoEvent[] }>('/api/events')).body.events as [ExpoEvent];
  });
  afterAll(() => platform.close());

  it('removing one of two sessions that clash on a stage clears the warning; a guest may not remove, and unknown ids are 404', async () => {
    const hall = event.halls[0]!;
    const start = new Date(Date.parse(`${event.startsOn}T12:00:00Z`) + 3 * 86_400_000);
    const session = (title: string) => ({
      hallId: hall.id,
      title,
      kind: 'talk',
      speakers: [title],
      start: start.toISOString(),
      end: new Date(start.getTime() + 3_600_000).toISOString(),
      capacity: 100,
    });
    expectStatus(await organizer.post(`/api/events/${event.id}/sessions`, session('First talk')), 201);
    const second = expectStatus(
      await organizer.post<{ session: TalkDto; warnings: AgendaWarningDto[] }>(`/api/events/${event.id}/sessions`, session('Second talk')),
      201,
    ).body;
    expect(second.warnings.map((w) => w.kind)).toContain('stage_overlap');
    // Clients word the warning in the user's language from its kind and the talks' titles.
    expect(second.warnings.find((w) => w.kind === 'stage_overlap')?.titles.sort()).toEqual(['First talk', 'Second talk'].sort());

    const guest = await registerGuest(platform.url, { timeZone: 'Europe/Rome' });
    const refused = await guest.delete(`/api/sessions/${second.session.id}`);
    expect(refused.status).toBe(403);
    expect(apiError(refused).code).toBe(ErrorCode.Forbidden);

    const after = expectStatus(await organizer.delete<Agenda>(`/api/sessions/${second.session.id}`), 200).body;
    expect(after.sessions.map((s) => s.id)).not.toContain(second.session.id);
    expect(after.warnings.filter((w) => w.sessionIds.includes(second.session.id))).toEqual([]);

    const missing = await organizer.delete(`/api/sessions/${second.session.id}`);
    expect(missing.status).toBe(404);
  });
});

describe('organizer accounts', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  it('an organizer creates another organizer, who can sign in; a guest cannot create one', async () => {
    const organizer = await signIn(platform.url, DEMO_ACCOUNTS.organizer.email, DEMO_ACCOUNTS.organizer.password);
    const body = {
      name: 'Second Organizer',
      email: 'second.organizer@example.com',
      password: 'second-organizer-2026',
      timeZone: 'Asia/Singapore',
      country: 'SG',
      language: 'en',
    };
    const guest = await registerGuest(platform.url, { timeZone: 'Asia/Singapore' });
    expect((await guest.post('/api/organizers', body)).status).toBe(403);
    expect(await platform.services.store.users.byEmail(body.email)).toBeUndefined();

    const created = expectStatus(await organizer.post<{ user: { role: string } }>('/api/organizers', body), 201).body;
    expect(created.user.role).toBe('organizer');
    const second = await signIn(platform.url, body.email, body.password);
    expect((await second.get<{ user: { role: string } }>('/api/me')).body.user.role).toBe('organizer');
  });
});
