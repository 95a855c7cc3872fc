import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type Appointment, type Booth, type CompactSlotsResponse, type ExpoEvent, type SlotsResponse } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import { ApiClient, apiError, expectStatus, rawGet, registerGuest, signIn } from '../test-support/api.js';
import { startTestPlatform } from '../test-support/platform.js';

const DAY = 86_400_000;

// One platform for the file, with the demo expo; each test uses a booth of its own.
let platform: Platform;
let booths: Booth[];
let address = 0;
/** Every client from an address of its own: the slots limit (120/min) counts per address. */
const nextAddress = () => `198.51.100.${(address += 1)}`;
const anon = () => new ApiClient(platform.url, { forwardedFor: nextAddress() });
const booth = (organisation: string) => {
  const found = booths.find((b) => b.organisation === organisation);
  if (!found) throw new Error(`no booth ${organisation}`);
  return found;
};

beforeAll(async () => {
  platform = await startTestPlatform();
  const client = anon();
  const [event] = (await client.get<{ events: ExpoEvent[] }>('/api/events')).body.events;
  booths = (await client.get<{ booths: Booth[] }>(`/api/events/${event!.id}/booths`)).body.booths;
});
afterAll(() => platform.close());

/** One week of a booth's slots from 00:00 UTC the day after tomorrow (the same query each time, so it can be cached). */
function slotsPath(boothId: string, params: Record<string, string> = {}): string {
  // The day after tomorrow: no slot of the week is near its notice period while a test runs.
  const from = Math.ceil(Date.now() / DAY) * DAY + DAY;
  const query = new URLSearchParams({
    from: new Date(from).toISOString(),
    to: new Date(from + 7 * DAY).toISOString(),
    zone: 'Europe/Paris',
    ...params,
  });
  return `/api/booths/${boothId}/slots?${query}`;
}

describe('GET /api/booths/:id/slots caching', () => {
  it('sends a strong ETag and answers 304 with no body when If-None-Match names it', async () => {
    const client = anon();
    const first = expectStatus(await client.get<SlotsResponse>(slotsPath(booth('Hudson Analytics').id)), 200, 'slots');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{20,}"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(first.body.slots.length).toBeGreaterThan(0);
    // As a browser revalidates what it keeps (fetch would add `Cache-Control: no-cache`, which rightly defeats the tag).
    const revalidate = (tag: string) =>
      rawGet(`${platform.url}${slotsPath(booth('Hudson Analytics').id)}`, { 'if-none-match': tag, 'x-forwarded-for': nextAddress() });
    const again = await revalidate(etag!);
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    // Another tag (an older answer) gets the full answer.
    const stale = await revalidate('"older"');
    expect(stale.status).toBe(200);
    expect(JSON.parse(stale.body.toString())).toEqual(first.body);
  });

  it("forgets a booth's answer when a guest books, and again when the guest cancels", async () => {
    const hudson = booth('Hudson Analytics');
    const guest = await registerGuest(platform.url, { timeZone: 'Europe/Paris', name: 'Cache Guest' }, { forwardedFor: nextAddress() });
    const before = expectStatus(await guest.get<SlotsResponse>(slotsPath(hudson.id)), 200, 'slots');
    const start = before.body.slots[0]!.start;

    const booked = expectStatus(await guest.post<Appointment>('/api/appointments', { boothId: hudson.id, start }), 201, 'book');
    const revalidated = await rawGet(`${platform.url}${slotsPath(hudson.id)}`, {
      'if-none-match': before.headers.get('etag')!,
      'x-forwarded-for': nextAddress(),
    });
    expect(revalidated.status).toBe(200);
    const after = expectStatus(await guest.get<SlotsResponse>(slotsPath(hudson.id)), 200, 'slots after booking');
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(revalidated.headers.etag).toBe(after.headers.get('etag'));
    expect(after.body.slots.map((s) => s.start)).not.toContain(start);

    expectStatus(await guest.patch<Appointment>(`/api/appointments/${booked.body.id}`, { action: 'cancel' }), 200, 'cancel');
    const freed = expectStatus(await guest.get<SlotsResponse>(slotsPath(hudson.id)), 200, 'slots after cancelling');
    expect(freed.body.slots.map((s) => s.start)).toContain(start);
    expect(freed.headers.get('etag')).toBe(before.headers.get('etag'));
  });

  it("forgets a booth's answer when its staff member changes the availability", async () => {
    const berlin = booth('Berliner Robotik');
    const client = anon();
    const before = expectStatus(await client.get<SlotsResponse>(slotsPath(berlin.id)), 200, 'slots');
    const staff = await signIn(platform.url, 'anna.schmidt@example.com', DEMO_ACCOUNTS.exhibitor.password, { forwardedFor: nextAddress() });
    const staffId = berlin.staff[0]!.id;
    const weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '10:00' }));
    const body = { timeZone: 'Europe/Berlin', weekly, exceptions: [], bufferMinutes: 0, meetingLengths: [30] };
    expectStatus(await staff.put(`/api/staff/${staffId}/availability`, body), 200, 'set availability');
    const after = expectStatus(await client.get<SlotsResponse>(slotsPath(berlin.id)), 200, 'slots after the change');
    expect(after.body.slots.length).toBeLessThan(before.body.slots.length);
    expect(after.body.slots.every((s) => ['09:00', '09:30'].includes(s.staffLocal.time))).toBe(true);
  });

  it('keeps answers apart by query: another zone or meeting length is computed for itself', async () => {
    const hudson = booth('Hudson Analytics');
    const client = anon();
    const paris = expectStatus(await client.get<SlotsResponse>(slotsPath(hudson.id)), 200, 'Paris');
    const tokyo = expectStatus(await client.get<SlotsResponse>(slotsPath(hudson.id, { zone: 'Asia/Tokyo' })), 200, 'Tokyo');
    expect(paris.body.guestZone).toBe('Europe/Paris');
    expect(tokyo.body.guestZone).toBe('Asia/Tokyo');
    expect(tokyo.body.slots[0]!.guestLocal.zone).toBe('Asia/Tokyo');
    expect(tokyo.headers.get('etag')).not.toBe(paris.headers.get('etag'));
  });
});

describe('GET /api/booths/:id/slots?view=compact', () => {
  it('leaves out the local-time strings, names the staff zone and keeps everything else', async () => {
    const client = anon();
    const tokyo = booth('Kyoto Precision Tools');
    const full = expectStatus(await client.get<SlotsResponse>(slotsPath(tokyo.id)), 200, 'full');
    const compact = expectStatus(await client.get<CompactSlotsResponse>(slotsPath(tokyo.id, { view: 'compact' })), 200, 'compact');
    expect(compact.body.slots.length).toBeGreaterThan(0);
    expect(compact.body.slots).toEqual(full.body.slots.map(({ guestLocal: _g, staffLocal, ...rest }) => ({ ...rest, staffZone: staffLocal.zone })));
    expect(compact.body.slots[0]).not.toHaveProperty('guestLocal');
    expect(compact.text.length).toBeLessThan(full.text.length * 0.6);
    expect(compact.headers.get('etag')).not.toBe(full.headers.get('etag'));
  });

  it('refuses an unknown view with a typed 400', async () => {
    const res = await anon().get(slotsPath(booth('Kyoto Precision Tools').id, { view: 'tiny' }));
    expect(res.status).toBe(400);
    expect(apiError(res).code).toBe(ErrorCode.BadRequest);
  });
});

describe('GET /api/booths/:id/slots compressed', () => {
  it('sends Brotli to a browser that accepts it, the same JSON as uncompressed', async () => {
    const path = slotsPath(booth('Hudson Analytics').id);
    const raw = (encoding: string) => rawGet(`${platform.url}${path}`, { 'accept-encoding': encoding, 'x-forwarded-for': nextAddress() });
    const plain = await raw('identity');
    const br = await raw('gzip, br');
    const gzip = await raw('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(br.body.length).toBeLessThan(plain.body.length / 4);
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(plain.body.toString());
    expect(zlib.gunzipSync(gzip.body).toString()).toBe(plain.body.toString());
    expect(br.headers.etag).toBe(plain.headers.etag);
  });
});
