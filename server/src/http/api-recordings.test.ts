import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type Appointment, type Booth, type ExpoEvent, type JoinResponse, type Recording, type SlotsResponse } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import { ApiClient, apiError, expectStatus, rawGet, registerGuest, setServerClock, signIn, SESSION_COOKIE_NAME } from '../test-support/api.js';
import { startMediaSender, type MediaSender } from '../test-support/mediaSender.js';
import { startTestPlatform } from '../test-support/platform.js';

const run = promisify(execFile);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let platform: Platform;
let recordingsDir: string;
let shenzhen: Booth;
let staff: ApiClient;
let staffId: string;
let guests = 0;
const senders: MediaSender[] = [];

beforeAll(async () => {
  recordingsDir = await mkdtemp(path.join(os.tmpdir(), 'ca-recordings-'));
  platform = await startTestPlatform({ ALLOW_TEST_CLOCK: 'true', RECORDINGS_DIR: recordingsDir, RECORDING_RETENTION_DAYS: '30' });
  const anon = new ApiClient(platform.url);
  const [event] = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events;
  const booths = (await anon.get<{ booths: Booth[] }>(`/api/events/${event!.id}/booths`)).body.booths;
  shenzhen = booths.find((b) => b.organisation === 'Shenzhen Photonics')!;
  staff = await signIn(platform.url, DEMO_ACCOUNTS.exhibitor.email, DEMO_ACCOUNTS.exhibitor.password, { forwardedFor: '198.51.100.210' });
  staffId = expectStatus(await staff.get<{ staff: { id: string }[] }>('/api/staff/me'), 200).body.staff[0]!.id;
}, 60_000);
afterAll(async () => {
  await Promise.all(senders.map((s) => s.leave()));
  await platform.close();
  await rm(recordingsDir, { recursive: true, force: true });
});

/** A new guest with a confirmed appointment with the demo exhibitor, `daysAhead` days from now; the clock is set into its meeting. */
async function meeting(daysAhead: number): Promise<{ guest: ApiClient; appointment: Appointment }> {
  guests += 1;
  const guest = await registerGuest(
    platform.url,
    { timeZone: 'Europe/Berlin', name: `Recorded Guest ${guests}` },
    { forwardedFor: `198.51.100.${120 + guests}` },
  );
  const from = Date.parse(await setServerClock(platform.url, Date.now())) + daysAhead * DAY;
  const query = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(from + 3 * DAY).toISOString(), staffId });
  const [slot] = expectStatus(await guest.get<SlotsResponse>(`/api/booths/${shenzhen.id}/slots?${query}`), 200).body.slots;
  const booked = expectStatus(await guest.post<Appointment>('/api/appointments', { boothId: shenzhen.id, start: slot!.start, staffId }), 201).body;
  expectStatus(await staff.patch(`/api/appointments/${booked.id}`, { action: 'confirm' }), 200);
  await setServerClock(platform.url, Date.parse(booked.start) + MINUTE);
  return { guest, appointment: booked };
}

/** Joins the appointment's meeting from a child process that sends real VP8 + Opus. */
async function sender(client: ApiClient, appointmentId: string, name: string, consent: boolean | null): Promise<MediaSender> {
  const ticket = expectStatus(await client.post<JoinResponse>(`/api/appointments/${appointmentId}/join`), 200).body;
  const s = await startMediaSender({ url: platform.url, roomId: ticket.roomId, token: ticket.token, displayName: name, consent });
  senders.push(s);
  return s;
}

const recordingIdOf = (list: Recording[]): string => list[0]?.id ?? '';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function probe(file: string): Promise<{ streams: { codec_type: string; width?: number }[]; format: { duration: string } }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file]);
  return JSON.parse(stdout) as { streams: { codec_type: string; width?: number }[]; format: { duration: string } };
}

/** Downloads a recording's file as `client` and returns where it was written. */
async function download(client: ApiClient, fileUrl: string): Promise<string> {
  const res = await rawGet(`${platform.url}${fileUrl}`, { cookie: `${SESSION_COOKIE_NAME}=${client.cookie(SESSION_COOKIE_NAME)}` });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toContain('video/mp4');
  const file = path.join(recordingsDir, `download-${Date.now()}.mp4`);
  await writeFile(file, res.body);
  return file;
}

async function recordingsOf(client: ApiClient, appointmentId: string): Promise<Recording[]> {
  return expectStatus(await client.get<{ recordings: Recording[] }>(`/api/appointments/${appointmentId}/recordings`), 200).body.recordings;
}

describe('recording a meeting with consent (real worker, real WebRTC senders, real ffmpeg)', () => {
  it('a recorded two-party meeting gives one composed video: both speakers side by side, mixed audio, the length of the recording', async () => {
    const { guest, appointment } = await meeting(1);
    const host = await sender(staff, appointment.id, 'Host', null);
    const visitor = await sender(guest, appointment.id, 'Visitor', true);

    // A guest may not start it: typed FORBIDDEN.
    const refused = await visitor.request('startRecording');
    expect(refused.ok ? 'ok' : refused.error.code).toBe(ErrorCode.Forbidden);
    const malformed = await host.request('startRecording', { everyone: true });
    expect(malformed.ok ? 'ok' : malformed.error.code).toBe(ErrorCode.BadRequest);

    const started = await host.request('startRecording');
    expect(started.ok).toBe(true);
    const twice = await host.request('startRecording');
    expect(twice.ok ? 'ok' : twice.error.code).toBe(ErrorCode.Conflict);
    await visitor.waitFor((m) => m.type === 'recording' && m.recording);
    await visitor.waitFor((m) => m.type === 'consentAsked');
    await visitor.waitFor((m) => m.type === 'consentNoted' && m.recorded);
    await sleep(5_000);
    expect((await host.request('stopRecording')).ok).toBe(true);
    await visitor.waitFor((m) => m.type === 'recording' && !m.recording);
    await platform.recordings.settled();

    const [recording] = await recordingsOf(guest, appointment.id);
    expect(recording).toMatchObject({ status: 'ready', progress: 1 });
    // Kept with the recording: the host (who started it) and the guest, both yes.
    expect(recording!.consents).toHaveLength(2);
    expect(recording!.consents.every((c) => c.consent)).toBe(true);
    expect(recording!.consents.map((c) => c.displayName)).toContain('Recorded Guest 1');
    // During the call: one file per track, copied as sent (VP8/Opus in WebM), each with media in it.
    const tracks = (await platform.services.store.recordings.files(recording!.id)).filter((f) => f.kind === 'track');
    expect(tracks.map((t) => t.media).sort()).toEqual(['audio', 'audio', 'video', 'video']);
    for (const track of tracks) expect(track.bytes).toBeGreaterThan(1024);
    const copied = await probe(path.join(recordingsDir, recording!.id, tracks.find((t) => t.media === 'video')!.file_name));
    expect(copied.streams.map((s) => (s as { codec_name?: string }).codec_name)).toEqual(['vp8']);
    const info = await probe(await download(guest, recording!.fileUrl!));
    const videos = info.streams.filter((s) => s.codec_type === 'video');
    expect(videos).toHaveLength(1);
    // Two speakers, one 640-wide tile each.
    expect(videos[0]!.width).toBe(1280);
    expect(info.streams.filter((s) => s.codec_type === 'audio')).toHaveLength(1);
    expect(Number(info.format.duration)).toBeGreaterThan(3);
    expect(Number(info.format.duration)).toBeLessThan(12);
    // The host downloads it too, and a player may ask for a range.
    const range = await rawGet(`${platform.url}${recording!.fileUrl!}`, {
      cookie: `${SESSION_COOKIE_NAME}=${staff.cookie(SESSION_COOKIE_NAME)}`,
      range: 'bytes=0-99',
    });
    expect(range.status).toBe(206);
    expect(range.body.length).toBe(100);

    // Storage use for organizers only.
    const organizer = await signIn(platform.url, DEMO_ACCOUNTS.organizer.email, DEMO_ACCOUNTS.organizer.password, { forwardedFor: '198.51.100.211' });
    const storage = expectStatus(await organizer.get<{ bytes: number; recordings: number }>('/api/organizer/recordings/storage'), 200).body;
    expect(storage.bytes).toBeGreaterThan(recording!.bytes);
    expect(expectStatus(await guest.get('/api/organizer/recordings/storage'), 403).status).toBe(403);

    // Someone who was not in the meeting: the same 404 as for the appointment; nobody signed in: 401.
    const stranger = await registerGuest(platform.url, { timeZone: 'Europe/Berlin', name: 'Stranger' }, { forwardedFor: '198.51.100.212' });
    const foreign = await rawGet(`${platform.url}${recording!.fileUrl!}`, {
      cookie: `${SESSION_COOKIE_NAME}=${stranger.cookie(SESSION_COOKIE_NAME)}`,
    });
    expect(foreign.status).toBe(404);
    expect(apiError(await stranger.get(`/api/appointments/${appointment.id}/recordings`)).code).toBe(ErrorCode.NotFound);
    expect((await rawGet(`${platform.url}${recording!.fileUrl!}`)).status).toBe(401);
    await Promise.all([host.leave(), visitor.leave()]);
  }, 120_000);

  it('a guest who declines is told so and left out: no track of theirs is made, the video has only the host', async () => {
    const { guest, appointment } = await meeting(3);
    const host = await sender(staff, appointment.id, 'Host', null);
    const visitor = await sender(guest, appointment.id, 'Visitor', false);
    expect((await host.request('startRecording')).ok).toBe(true);
    await visitor.waitFor((m) => m.type === 'consentNoted' && !m.recorded);
    await sleep(4_000);
    expect((await host.request('stopRecording')).ok).toBe(true);
    await platform.recordings.settled();

    const [recording] = await recordingsOf(staff, appointment.id);
    expect(recording!.consents.find((c) => !c.consent)?.displayName).toBe(`Recorded Guest ${guests}`);
    const files = await platform.services.store.recordings.files(recording!.id);
    const tracks = files.filter((f) => f.kind === 'track');
    expect(new Set(tracks.map((t) => t.participant))).toEqual(new Set([staff.user!.id]));
    expect(tracks.map((t) => t.media).sort()).toEqual(['audio', 'video']);
    for (const track of tracks) expect(track.bytes).toBeGreaterThan(1024);
    const onDisk = await readdir(path.join(recordingsDir, recording!.id));
    expect(onDisk.filter((f) => f.endsWith('.webm'))).toHaveLength(2);
    const info = await probe(path.join(recordingsDir, recording!.id, 'recording.mp4'));
    // One tile: the host's; the guest's voice is not in the mix either (one audio track went in).
    expect(info.streams.find((s) => s.codec_type === 'video')?.width).toBe(640);
    expect(info.streams.filter((s) => s.codec_type === 'audio')).toHaveLength(1);
    await Promise.all([host.leave(), visitor.leave()]);
  }, 120_000);

  it("survives a guest's reconnect: their new producers get new tracks in the same tile, a gap rather than a lost file", async () => {
    const { guest, appointment } = await meeting(5);
    const host = await sender(staff, appointment.id, 'Host', null);
    const first = await sender(guest, appointment.id, 'Visitor', true);
    expect((await host.request('startRecording')).ok).toBe(true);
    await first.waitFor((m) => m.type === 'consentNoted' && m.recorded);
    await sleep(2_500);
    await first.leave();
    await sleep(1_000);
    // Back on a new connection: their earlier yes holds (same account), they are not asked again.
    const again = await sender(guest, appointment.id, 'Visitor', null);
    await expect
      .poll(
        async () =>
          (await platform.services.store.recordings.files(recordingIdOf(await recordingsOf(staff, appointment.id)))).filter((f) => f.kind === 'track')
            .length,
        { timeout: 10_000 },
      )
      .toBe(6);
    await sleep(2_500);
    expect(again.messages.some((m) => m.type === 'consentAsked')).toBe(false);
    expect((await host.request('stopRecording')).ok).toBe(true);
    await platform.recordings.settled();

    const [recording] = await recordingsOf(staff, appointment.id);
    const guestTracks = (await platform.services.store.recordings.files(recording!.id)).filter(
      (f) => f.kind === 'track' && f.participant === guest.user!.id,
    );
    expect(guestTracks.filter((t) => t.media === 'video')).toHaveLength(2);
    for (const track of guestTracks) expect(track.bytes).toBeGreaterThan(1024);
    const [before, after] = guestTracks.filter((t) => t.media === 'video').sort((a, b) => a.offset_ms - b.offset_ms);
    expect(after!.offset_ms - before!.offset_ms).toBeGreaterThan(3_000);
    const info = await probe(path.join(recordingsDir, recording!.id, 'recording.mp4'));
    // Still two tiles (host, guest), not three.
    expect(info.streams.find((s) => s.codec_type === 'video')?.width).toBe(1280);
    await Promise.all([host.leave(), again.leave()]);
  }, 120_000);

  it("survives a worker restart: everyone's media comes back on the new worker as new tracks, a gap rather than a lost file", async () => {
    const { guest, appointment } = await meeting(6);
    const host = await sender(staff, appointment.id, 'Host', null);
    const visitor = await sender(guest, appointment.id, 'Visitor', true);
    expect((await host.request('startRecording')).ok).toBe(true);
    await visitor.waitFor((m) => m.type === 'consentNoted' && m.recorded);
    await sleep(2_500);
    const tracks = async () =>
      (await platform.services.store.recordings.files(recordingIdOf(await recordingsOf(staff, appointment.id)))).filter((f) => f.kind === 'track');
    expect(await tracks()).toHaveLength(4);
    const producing = (s: MediaSender) => s.messages.filter((m) => m.type === 'producing').length;
    const before = [producing(host), producing(visitor)];
    for (const pid of platform.pool.pids) process.kill(pid, 'SIGKILL');
    // Both send again on the new worker; the recorder starts a new track for each of their four producers.
    await expect.poll(() => [producing(host) > before[0]!, producing(visitor) > before[1]!], { timeout: 20_000 }).toEqual([true, true]);
    await expect.poll(async () => (await tracks()).length, { timeout: 15_000 }).toBe(8);
    await sleep(2_500);
    expect((await host.request('stopRecording')).ok).toBe(true);
    await platform.recordings.settled();

    const [recording] = await recordingsOf(staff, appointment.id);
    expect(recording?.status).toBe('ready');
    const files = (await tracks()).filter((t) => t.media === 'video');
    for (const participant of [staff.user!.id, guest.user!.id]) {
      const theirs = files.filter((t) => t.participant === participant).sort((a, b) => a.offset_ms - b.offset_ms);
      expect(theirs).toHaveLength(2);
      // The first file was kept (written up to the crash), the second starts after it.
      expect(theirs[0]!.bytes).toBeGreaterThan(1024);
      expect(theirs[1]!.bytes).toBeGreaterThan(1024);
      expect(theirs[1]!.offset_ms).toBeGreaterThan(theirs[0]!.offset_ms + 2_000);
    }
    const info = await probe(path.join(recordingsDir, recording!.id, 'recording.mp4'));
    expect(info.streams.map((st) => st.codec_type).sort()).toEqual(['audio', 'video']);
    expect(Number(info.format.duration)).toBeGreaterThan(4);
    await Promise.all([host.leave(), visitor.leave()]);
  }, 120_000);

  it('retention: once its days are over (server clock), the scan deletes the files and the download is gone', async () => {
    const [first] = await platform.services.store.db.selectFrom('recordings').selectAll().orderBy('started_at').execute();
    expect(first).toBeDefined();
    expect(await platform.recordings.sweep()).toBe(0);
    await setServerClock(platform.url, Date.parse(first!.expires_at) + MINUTE);
    expect(await platform.recordings.sweep()).toBeGreaterThanOrEqual(1);
    await expect(readdir(path.join(recordingsDir, first!.id))).rejects.toThrow();
    expect((await platform.services.store.recordings.get(first!.id))?.status).toBe('deleted');
    // A month later the old session has expired: sign in again.
    const again = await signIn(platform.url, DEMO_ACCOUNTS.exhibitor.email, DEMO_ACCOUNTS.exhibitor.password, { forwardedFor: '198.51.100.213' });
    const res = await rawGet(`${platform.url}/api/recordings/${first!.id}/file`, {
      cookie: `${SESSION_COOKIE_NAME}=${again.cookie(SESSION_COOKIE_NAME)}`,
    });
    expect(res.status).toBe(404);
  });
});
