import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type Booth, type ExpoEvent, type Slot, type SlotsResponse } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { ApiClient, apiError, registerGuest } from '../test-support/api.js';
import { startTestPlatform } from '../test-support/platform.js';
import { servedRoutes } from './apiRegistry.js';
import { apiMountOf } from './app.js';
import { wallClockOf } from '../test-support/intl.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const wall = wallClockOf;

const isNightAt = (instant: number, zone: string) => {
  const { hour } = wall(instant, zone);
  return hour < 8 || hour >= 20;
};

/** A query string; values are encoded. */
const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();

describe('expo catalogue and slots over HTTP', () => {
  let platform: Platform;
  let anon: ApiClient;
  let event: ExpoEvent;
  let booths: Booth[];
  const boothNamed = (organisation: string) => {
    const booth = booths.find((b) => b.organisation === organisation);
    if (!booth) throw new Error(`no booth ${organisation}`);
    return booth;
  };
  const names = (list: Booth[]) => list.map((b) => b.organisation).sort();

  beforeAll(async () => {
    platform = await startTestPlatform();
    anon = new ApiClient(platform.url);
    const events = await anon.get<{ events: ExpoEvent[] }>('/api/events');
    event = events.body.events[0]!;
    booths = (await anon.get<{ booths: Booth[] }>(`/api/events/${event.id}/booths`)).body.booths;
  });
  afterAll(() => platform.close());

  describe('the demo seed', () => {
    it('has one event in Europe/Berlin, running 14 days from today, with two halls', async () => {
      const res = await anon.get<{ events: ExpoEvent[] }>('/api/events');
      expect(res.status).toBe(200);
      expect(res.body.events).toHaveLength(1);
      expect(event.timeZone).toBe('Europe/Berlin');
      expect(event.halls).toHaveLength(2);
      expect(event.startsOn).toBe(wall(Date.now(), 'Europe/Berlin').date);
      const days = (Date.parse(`${event.endsOn}T00:00:00Z`) - Date.parse(`${event.startsOn}T00:00:00Z`)) / DAY;
      expect(days).toBe(13);

      const one = await anon.get<ExpoEvent>(`/api/events/${event.id}`);
      expect(one.status).toBe(200);
      expect(one.body).toEqual(event);
    });

    it('has at least six booths spread over both halls, with staff in Asia/Shanghai, Europe/Berlin and America/New_York', () => {
      expect(booths.length).toBeGreaterThanOrEqual(6);
      expect(new Set(booths.map((b) => b.hallId))).toEqual(new Set(event.halls.map((h) => h.id)));
      const zones = new Set(booths.flatMap((b) => b.staff.map((s) => s.timeZone)));
      for (const zone of ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York']) expect(zones).toContain(zone);
      for (const booth of booths) {
        expect(booth.eventId).toBe(event.id);
        expect(booth.staff.length).toBeGreaterThan(0);
        for (const staff of booth.staff) expect(staff.meetingLengths.length).toBeGreaterThan(0);
      }
    });

    it('serves one booth with its staff by id', async () => {
      const booth = boothNamed('Berliner Robotik');
      const res = await anon.get<Booth>(`/api/booths/${booth.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(booth);
      expect(res.body.staff).toEqual([expect.objectContaining({ name: 'Anna Schmidt', timeZone: 'Europe/Berlin' })]);
    });
  });

  describe('booth filters', () => {
    const filtered = async (params: Record<string, string>) => {
      const res = await anon.get<{ booths: Booth[] }>(`/api/events/${event.id}/booths?${qs(params)}`);
      expect(res.status, JSON.stringify(params)).toBe(200);
      return names(res.body.booths);
    };

    it('q searches organisation, description and tags, ignoring case', async () => {
      expect(await filtered({ q: 'ROBOT' })).toEqual(['Berliner Robotik']);
      expect(await filtered({ q: 'compostable' })).toEqual(['São Paulo Green Packaging']);
      expect(await filtered({ q: 'iot' })).toEqual(['Bengaluru Smart Logistics']);
      expect(await filtered({ q: 'no such thing anywhere' })).toEqual([]);
    });

    it('tag matches whole tags, ignoring case', async () => {
      expect(await filtered({ tag: 'automation' })).toEqual(['Berliner Robotik', 'Shenzhen Photonics']);
      expect(await filtered({ tag: 'Software' })).toEqual(['Bengaluru Smart Logistics', 'Hudson Analytics']);
      expect(await filtered({ tag: 'auto' })).toEqual([]);
    });

    it('language matches a tag exactly or as its primary language (zh finds zh-CN)', async () => {
      expect(await filtered({ language: 'zh' })).toEqual(['Shenzhen Photonics']);
      expect(await filtered({ language: 'zh-CN' })).toEqual(['Shenzhen Photonics']);
      expect(await filtered({ language: 'es' })).toEqual(['Hudson Analytics', 'São Paulo Green Packaging']);
    });

    it('country matches the booth country, and filters combine', async () => {
      expect(await filtered({ country: 'JP' })).toEqual(['Kyoto Precision Tools']);
      expect(await filtered({ tag: 'software', language: 'hi' })).toEqual(['Bengaluru Smart Logistics']);
      expect(await filtered({ tag: 'software', country: 'DE' })).toEqual([]);
    });

    it('refuses an unknown filter or a malformed country with 400 BAD_REQUEST', async () => {
      for (const query of ['sort=name', 'country=germany', 'language=EN']) {
        const res = await anon.get(`/api/events/${event.id}/booths?${query}`);
        expect(res.status, query).toBe(400);
        expect(apiError(res).code).toBe(ErrorCode.BadRequest);
      }
    });
  });

  describe('unknown ids', () => {
    it('answers an unknown event, booth or staff member with 404 NOT_FOUND', async () => {
      const window = qs({ from: new Date(Date.now() + DAY).toISOString(), to: new Date(Date.now() + 2 * DAY).toISOString() });
      const booth = boothNamed('Berliner Robotik');
      for (const path of [
        '/api/events/no-such-event',
        '/api/events/no-such-event/booths',
        '/api/booths/no-such-booth',
        `/api/booths/no-such-booth/slots?${window}`,
        `/api/booths/${booth.id}/slots?${window}&staffId=no-such-staff`,
      ]) {
        const res = await anon.get(path);
        expect(res.status, path).toBe(404);
        expect(apiError(res).code, path).toBe(ErrorCode.NotFound);
      }
    });
  });

  it('does not expose the test clock unless the server runs with ALLOW_TEST_CLOCK', async () => {
    const res = await anon.post('/api/test/clock', { now: '2030-01-01T00:00:00Z' });
    expect(res.status).toBe(404);
    expect(apiError(res).code).toBe(ErrorCode.NotFound);
    expect(Math.abs(platform.services.clock.now() - Date.now())).toBeLessThan(60_000);
  });

  describe('OpenAPI', () => {
    it('GET /api/openapi.json describes the REST API with its paths and methods', async () => {
      const res = await anon.get<{ openapi: string; paths: Record<string, Record<string, unknown>> }>('/api/openapi.json');
      expect(res.status).toBe(200);
      expect(res.body.openapi).toBe('3.1.0');
      const expected: Record<string, string[]> = {
        '/api/auth/register': ['post'],
        '/api/auth/login': ['post'],
        '/api/auth/logout': ['post'],
        '/api/me': ['get', 'patch', 'delete'],
        '/api/events': ['get', 'post'],
        '/api/events/{eventId}': ['get'],
        '/api/events/{eventId}/halls': ['post'],
        '/api/events/{eventId}/booths': ['get', 'post'],
        '/api/events/{eventId}/sessions': ['get', 'post'],
        '/api/booths/{boothId}': ['get'],
        '/api/booths/{boothId}/staff': ['post'],
        '/api/booths/{boothId}/slots': ['get'],
        '/api/staff/{staffId}/availability': ['get', 'put'],
        '/api/appointments': ['get', 'post'],
        '/api/appointments/{id}': ['get', 'patch'],
        '/api/appointments/{id}/ics': ['get'],
        '/api/appointments/{id}/join': ['post'],
      };
      for (const [path, methods] of Object.entries(expected)) {
        expect(Object.keys(res.body.paths[path] ?? {}).sort(), path).toEqual([...methods].sort());
      }
    });

    it('documents exactly the routes Express serves under /api: a route cannot be mounted without its contract', async () => {
      const { registry, router } = apiMountOf(platform.app);
      const key = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;
      // The test clock exists only on test servers (ALLOW_TEST_CLOCK) and is not part of the public contract.
      const served = servedRoutes(router, '/api')
        .map(key)
        .filter((r) => !r.includes(' /api/test/'));
      const documented = registry.routes().map(key);
      expect(served.length).toBeGreaterThan(30);
      expect([...new Set(served)].sort()).toEqual([...documented].sort());
      // And the document lists each of them, path parameters in OpenAPI form.
      const res = await anon.get<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json');
      const inDocument = Object.entries(res.body.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
      expect(inDocument.sort()).toEqual(documented.map((r) => r.replace(/:(\w+)/g, '{$1}')).sort());
      // A served route that the registry did not see is caught: one mounted beside it directly.
      router.get('/undocumented', (_req, res) => void res.end());
      try {
        expect(servedRoutes(router, '/api').map(key)).toContain('GET /api/undocumented');
        expect(documented).not.toContain('GET /api/undocumented');
      } finally {
        (router as unknown as { stack: unknown[] }).stack.pop();
      }
    });

    it("types query parameters and bodies from the routes' own zod schemas", async () => {
      const res = await anon.get<{
        paths: Record<
          string,
          Record<
            string,
            {
              parameters?: Array<{ name: string; in: string; required?: boolean; schema: { type?: string } }>;
              requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> };
            }
          >
        >;
      }>('/api/openapi.json');
      const slots = res.body.paths['/api/booths/{boothId}/slots']?.get;
      expect(slots?.parameters).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'boothId', in: 'path', required: true }),
          expect.objectContaining({ name: 'from', in: 'query', required: true }),
          expect.objectContaining({ name: 'view', in: 'query' }),
        ]),
      );
      const book = res.body.paths['/api/appointments']?.post?.requestBody?.content['application/json']?.schema;
      expect(book?.required).toEqual(expect.arrayContaining(['boothId']));
      expect(res.body.paths['/api/appointments/{id}/ics']?.get).toBeDefined();
    });
  });

  describe('slots', () => {
    /** A week starting tomorrow (whole hours), inside the two-week demo event. */
    const nextWeek = () => {
      const from = Math.ceil((Date.now() + DAY) / HOUR) * HOUR;
      return { from, to: from + 7 * DAY };
    };
    const slotsOf = async (client: ApiClient, boothId: string, params: Record<string, string>) => {
      const res = await client.get<SlotsResponse>(`/api/booths/${boothId}/slots?${qs(params)}`);
      expect(res.status, res.text.slice(0, 300)).toBe(200);
      return res.body;
    };

    it.each(['America/Los_Angeles', 'Asia/Shanghai'])(
      "lists a Berlin 09:00–17:00 rep's slots, Monday to Friday, with local times, night flags and preferred as seen from %s",
      async (zone) => {
        const booth = boothNamed('Berliner Robotik');
        const { from, to } = nextWeek();
        const res = await slotsOf(anon, booth.id, { from: new Date(from).toISOString(), to: new Date(to).toISOString(), zone });

        expect(res.guestZone).toBe(zone);
        expect(res.meetingMinutes).toBe(15);
        expect(res.slots.length).toBeGreaterThan(0);
        const staffId = booth.staff[0]!.id;
        for (const slot of res.slots) {
          const start = Date.parse(slot.start);
          const end = Date.parse(slot.end);
          const label = `${slot.start} ${zone}`;
          expect(end - start, label).toBe(15 * 60_000);
          expect(start, label).toBeGreaterThanOrEqual(from);
          expect(end, label).toBeLessThanOrEqual(to);
          expect(slot.staffIds, label).toEqual([staffId]);

          const berlin = wall(start, 'Europe/Berlin');
          const berlinEnd = wall(end, 'Europe/Berlin');
          expect(berlin.weekday, label).toBeLessThanOrEqual(5);
          expect(berlin.time >= '09:00' && berlinEnd.time <= '17:00' && berlinEnd.time > '09:00', label).toBe(true);
          expect(slot.staffLocal, label).toMatchObject({ zone: 'Europe/Berlin', date: berlin.date, time: berlin.time, weekday: berlin.weekday });

          const guest = wall(start, zone);
          expect(slot.guestLocal, label).toMatchObject({ zone, date: guest.date, time: guest.time, weekday: guest.weekday });
          const offset = (Date.parse(`${guest.date}T${guest.time}:00Z`) - start) / 60_000;
          expect(slot.guestLocal.offsetMinutes, label).toBe(offset);

          const nightForGuest = isNightAt(start, zone) || isNightAt(end - 1, zone);
          expect(slot.nightForGuest, label).toBe(nightForGuest);
          expect(slot.nightForStaff, label).toBe(false);
          expect(slot.preferred, label).toBe(!nightForGuest);
        }
        // Every weekday strictly inside the window is offered in full: 09:00, 09:15, … 16:45 Berlin time.
        const firstDate = wall(from, 'Europe/Berlin').date;
        const lastDate = wall(to, 'Europe/Berlin').date;
        const byDay = new Map<string, string[]>();
        for (const slot of res.slots) byDay.set(slot.staffLocal.date, [...(byDay.get(slot.staffLocal.date) ?? []), slot.staffLocal.time]);
        const inner = [...byDay].filter(([date]) => date > firstDate && date < lastDate);
        expect(inner.length).toBeGreaterThanOrEqual(4);
        const fullDay = Array.from({ length: 32 }, (_, i) => {
          const minutes = 9 * 60 + 15 * i;
          return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        });
        for (const [date, times] of inner) expect(times, date).toEqual(fullDay);
      },
    );

    it('marks one slot differently for different guests: 09:00 Berlin is night in Los Angeles but preferred in Shanghai', async () => {
      const booth = boothNamed('Berliner Robotik');
      const { from, to } = nextWeek();
      const window = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
      const la = await slotsOf(anon, booth.id, { ...window, zone: 'America/Los_Angeles' });
      const shanghai = await slotsOf(anon, booth.id, { ...window, zone: 'Asia/Shanghai' });
      expect(la.slots.map((s) => s.start)).toEqual(shanghai.slots.map((s) => s.start));

      const nineIndex = la.slots.findIndex((s) => s.staffLocal.time === '09:00');
      expect(nineIndex).toBeGreaterThanOrEqual(0);
      expect(la.slots[nineIndex]).toMatchObject({ nightForGuest: true, nightForStaff: false, preferred: false });
      expect(shanghai.slots[nineIndex]).toMatchObject({ nightForGuest: false, nightForStaff: false, preferred: true });
      // 16:45 Berlin is 22:45 or 23:45 in Shanghai.
      const lateIndex = shanghai.slots.findIndex((s) => s.staffLocal.time === '16:45');
      expect(shanghai.slots[lateIndex]).toMatchObject({ nightForGuest: true, preferred: false });
    });

    it("shows local times in the signed-in guest's zone by default, else in the event's zone", async () => {
      const booth = boothNamed('Berliner Robotik');
      const { from } = nextWeek();
      const window = { from: new Date(from).toISOString(), to: new Date(from + 2 * DAY).toISOString() };
      const guest = await registerGuest(platform.url, { timeZone: 'Asia/Kolkata' });

      const mine = await slotsOf(guest, booth.id, window);
      expect(mine.guestZone).toBe('Asia/Kolkata');
      const first = mine.slots[0]!;
      expect(first.guestLocal).toMatchObject({ zone: 'Asia/Kolkata', offsetMinutes: 330, time: wall(first.start, 'Asia/Kolkata').time });

      const anonymous = await slotsOf(anon, booth.id, window);
      expect(anonymous.guestZone).toBe('Europe/Berlin');
      expect(anonymous.slots[0]!.guestLocal.time).toBe(anonymous.slots[0]!.staffLocal.time);
    });

    it('offers the longer meeting length on request and refuses one nobody offers', async () => {
      const booth = boothNamed('Berliner Robotik');
      const { from, to } = nextWeek();
      const window = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
      const long = await slotsOf(anon, booth.id, { ...window, length: '30' });
      expect(long.meetingMinutes).toBe(30);
      expect(long.slots.every((s: Slot) => Date.parse(s.end) - Date.parse(s.start) === 30 * 60_000)).toBe(true);

      const odd = await anon.get(`/api/booths/${booth.id}/slots?${qs({ ...window, length: '20' })}`);
      expect(odd.status).toBe(400);
      expect(apiError(odd).code).toBe(ErrorCode.BadRequest);
    });

    it('accepts a window of exactly 31 days and refuses a longer one with 400', async () => {
      const booth = boothNamed('Berliner Robotik');
      const from = Math.ceil(Date.now() / HOUR) * HOUR;
      const window = (length: number) => qs({ from: new Date(from).toISOString(), to: new Date(from + length).toISOString() });
      const ok = await anon.get(`/api/booths/${booth.id}/slots?${window(31 * DAY)}`);
      expect(ok.status).toBe(200);

      const tooLong = await anon.get(`/api/booths/${booth.id}/slots?${window(31 * DAY + 60_000)}`);
      expect(tooLong.status).toBe(400);
      expect(apiError(tooLong).code).toBe(ErrorCode.BadRequest);
    });

    it('refuses `to` before or equal to `from` with 400', async () => {
      const booth = boothNamed('Berliner Robotik');
      const from = new Date(Date.now() + 2 * DAY).toISOString();
      for (const to of [new Date(Date.now() + DAY).toISOString(), from]) {
        const res = await anon.get(`/api/booths/${booth.id}/slots?${qs({ from, to })}`);
        expect(res.status, to).toBe(400);
        expect(apiError(res).code).toBe(ErrorCode.BadRequest);
      }
    });

    it.each([
      ['a word', 'tomorrow'],
      ['a date without a time', '2026-12-01'],
      ['a local time without an offset', '2026-12-01T10:00:00'],
      ['an impossible date', '2026-02-30T10:00:00Z'],
      ['epoch milliseconds', '1764000000000'],
    ])('refuses %s as an instant with 400 BAD_REQUEST', async (_case, value) => {
      const booth = boothNamed('Berliner Robotik');
      const to = new Date(Date.now() + 3 * DAY).toISOString();
      const res = await anon.get(`/api/booths/${booth.id}/slots?${qs({ from: value, to })}`);
      expect(res.status).toBe(400);
      expect(apiError(res).code).toBe(ErrorCode.BadRequest);
    });

    it('refuses a missing `to`, an unknown query parameter or an unknown zone with 400', async () => {
      const booth = boothNamed('Berliner Robotik');
      const from = new Date(Date.now() + DAY).toISOString();
      const to = new Date(Date.now() + 2 * DAY).toISOString();
      for (const query of [qs({ from }), qs({ from, to, page: '2' }), qs({ from, to, zone: 'Mars/Olympus_Mons' })]) {
        const res = await anon.get(`/api/booths/${booth.id}/slots?${query}`);
        expect(res.status, query).toBe(400);
        expect(apiError(res).code).toBe(ErrorCode.BadRequest);
      }
    });
  });
});
