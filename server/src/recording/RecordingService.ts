import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode } from '@ca/signaling';
import { AppError } from '../errors.js';
import { TypedEmitter } from '../lib/typedEmitter.js';
import type { Logger } from '../logger.js';
import type { Peer } from '../media/Peer.js';
import type { Room } from '../media/Room.js';
import { APPOINTMENT_ROOM_PREFIX } from '../meeting/roomKinds.js';
import type { Store } from '../store/index.js';
import { compose } from './compose.js';
import { RoomRecorder, type RecordingSink } from './RoomRecorder.js';

export type RecordingServiceOptions = {
  store: Store;
  /** RECORDINGS_DIR: a folder per recording under it. */
  dir: string;
  /** RECORDING_RETENTION_DAYS: files are deleted this long after the recording started. */
  retentionDays: number;
  now: () => number;
  log: Logger;
  /** How often the retention scan runs, ms. Default one hour. */
  sweepEveryMs?: number;
};

type RecordingEvents = {
  /** A room's recording started or stopped. */
  changed: [roomId: string, recording: boolean];
  /** Ask this participant whether they may be recorded. */
  consentNeeded: [peerId: string, recordingId: string];
  /** A participant's answer was taken: recorded or left out. */
  consentNoted: [peerId: string, recorded: boolean];
};

type Active = { id: string; recorder: RoomRecorder; startedAt: number };

/**
 * Server-side recordings: a host starts one for their room, everyone else is asked to consent,
 * each consenting participant's tracks are copied to files during the call (RoomRecorder); when it
 * stops (or the room closes) a background job composes the one video, with progress in the row.
 * Files older than the retention are deleted by a scan on the server clock.
 */
export class RecordingService extends TypedEmitter<RecordingEvents> {
  readonly #options: RecordingServiceOptions;
  readonly #active = new Map<string, Active>();
  #jobs: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  readonly #abort = new AbortController();

  constructor(options: RecordingServiceOptions) {
    super();
    this.#options = options;
  }

  get dir(): string {
    return this.#options.dir;
  }

  /** Whether the room is being recorded now. */
  recording(roomId: string): boolean {
    return this.#active.has(roomId);
  }

  /** A host starts recording their room; CONFLICT if it already is. */
  async start(room: Room, host: Peer): Promise<string> {
    if (this.#active.has(room.id)) throw new AppError(ErrorCode.Conflict, 'this meeting is already being recorded');
    if (room.overflow) throw new AppError(ErrorCode.Conflict, 'record the stage on its own node');
    const { store, now, log } = this.#options;
    const id = randomUUID();
    const startedAt = now();
    const dir = path.join(this.#options.dir, id);
    await mkdir(dir, { recursive: true });
    await store.recordings.create({
      id,
      room_id: room.id,
      appointment_id: room.id.startsWith(APPOINTMENT_ROOM_PREFIX) ? room.id.slice(APPOINTMENT_ROOM_PREFIX.length) : null,
      started_by: host.userId ?? host.id,
      started_at: new Date(startedAt).toISOString(),
      status: 'recording',
      expires_at: new Date(startedAt + this.#options.retentionDays * 86_400_000).toISOString(),
    });
    const recorder = new RoomRecorder({ room, dir, startedAt, now, sink: this.#sink(id), log: log.child({ recordingId: id }) });
    this.#active.set(room.id, { id, recorder, startedAt });
    room.once('close', () => {
      if (this.#active.get(room.id)?.id === id) void this.stop(room.id);
    });
    await recorder.setConsent(host, true);
    recorder.recordPresent();
    this.emit('changed', room.id, true);
    for (const info of room.peerInfos()) {
      const peer = room.getPeer(info.peerId);
      if (peer && peer.role !== 'host') this.emit('consentNeeded', peer.id, id);
      else if (peer && peer !== host) await recorder.setConsent(peer, true);
    }
    log.info({ roomId: room.id, recordingId: id }, 'recording started');
    return id;
  }

  /** Someone joined: a host of a recorded room is recorded, anyone else who has not answered is asked. */
  async joined(room: Room, peer: Peer): Promise<void> {
    const active = this.#active.get(room.id);
    if (!active || active.recorder.decided(peer)) return;
    if (peer.role === 'host') await active.recorder.setConsent(peer, true);
    else if (peer.role !== 'audience') this.emit('consentNeeded', peer.id, active.id);
  }

  /** A participant's answer; CONFLICT when nothing is being recorded. */
  async consent(room: Room, peer: Peer, consent: boolean): Promise<void> {
    const active = this.#active.get(room.id);
    if (!active) throw new AppError(ErrorCode.Conflict, 'this meeting is not being recorded');
    await active.recorder.setConsent(peer, consent);
    this.emit('consentNoted', peer.id, consent);
  }

  /**
   * Stops the room's recording (CONFLICT when none runs): everyone is told at once; its track files are
   * finished and the composition queued in the background (`settled()` waits for both).
   */
  stop(roomId: string): Promise<void> {
    const active = this.#active.get(roomId);
    if (!active) return Promise.reject(new AppError(ErrorCode.Conflict, 'this meeting is not being recorded'));
    this.#active.delete(roomId);
    const stoppedAt = this.#options.now();
    this.emit('changed', roomId, false);
    this.#options.log.info({ roomId, recordingId: active.id }, 'recording stopped');
    const finished = (async () => {
      await active.recorder.stop();
      await this.#options.store.recordings.stopped(active.id, new Date(stoppedAt).toISOString());
    })();
    this.#jobs = Promise.all([this.#jobs, finished]).then(() => this.#compose(active.id, stoppedAt - active.startedAt));
    return Promise.resolve();
  }

  /** Resolves when every queued composition finished (tests, shutdown). */
  settled(): Promise<void> {
    return this.#jobs;
  }

  /** Stops every running recording (server shutdown). */
  async stopAll(): Promise<void> {
    await Promise.allSettled([...this.#active.keys()].map((roomId) => this.stop(roomId)));
  }

  /** Deletes the files of recordings whose retention ended; returns how many. */
  async sweep(): Promise<number> {
    const { store, now, log } = this.#options;
    const expired = await store.recordings.expired(new Date(now()).toISOString());
    for (const row of expired) {
      await rm(path.join(this.#options.dir, row.id), { recursive: true, force: true });
      await store.recordings.deleteFiles(row.id);
      await store.recordings.setStatus(row.id, 'deleted');
      log.info({ recordingId: row.id }, 'recording deleted: retention ended');
    }
    return expired.length;
  }

  /**
   * Queues the compositions a previous run left unfinished (status 'composing': the server stopped
   * while one was queued or running), so a restart finishes them.
   */
  async resumePending(): Promise<void> {
    const pending = await this.#options.store.db.selectFrom('recordings').selectAll().where('status', '=', 'composing').execute();
    for (const row of pending) {
      const durationMs = Date.parse(row.stopped_at ?? row.started_at) - Date.parse(row.started_at);
      this.#jobs = this.#jobs.then(() => this.#compose(row.id, durationMs));
    }
  }

  /** Shutdown: stops the running recordings (their track files are finished) and abandons compositions; `resumePending` takes them up at the next start. */
  async close(): Promise<void> {
    await this.stopAll();
    this.stopSweeping();
    this.#abort.abort();
    await this.#jobs;
  }

  startSweeping(): void {
    this.#timer ??= setInterval(
      () => void this.sweep().catch((err: unknown) => this.#options.log.warn({ err }, 'retention scan failed')),
      this.#options.sweepEveryMs ?? 3_600_000,
    );
    this.#timer.unref();
  }

  stopSweeping(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #compose(id: string, durationMs: number): Promise<void> {
    const { store, log } = this.#options;
    const dir = path.join(this.#options.dir, id);
    if (this.#abort.signal.aborted) return;
    try {
      const files = await store.recordings.files(id);
      const tracks = files.flatMap((f) =>
        f.kind === 'track' && f.media && f.participant
          ? [{ fileName: f.file_name, media: f.media, participant: f.participant, offsetMs: f.offset_ms, language: f.language ?? undefined }]
          : [],
      );
      let last = 0;
      const bytes = await compose({
        dir,
        tracks,
        durationMs: Math.max(1000, durationMs),
        output: 'recording.mp4',
        signal: this.#abort.signal,
        onProgress: (fraction) => {
          if (fraction - last < 0.05) return;
          last = fraction;
          void store.recordings.setProgress(id, fraction).catch(() => undefined);
        },
      });
      await store.recordings.addFile({
        id: randomUUID(),
        recording_id: id,
        kind: 'composed',
        participant: null,
        media: null,
        file_name: 'recording.mp4',
        offset_ms: 0,
        bytes,
      });
      await store.recordings.setStatus(id, 'ready', 1);
      log.info({ recordingId: id, bytes }, 'recording composed');
    } catch (err) {
      // Shutdown: left as 'composing' for the next start.
      if (this.#abort.signal.aborted) return;
      log.warn({ err, recordingId: id }, 'recording could not be composed');
      await store.recordings.setStatus(id, 'failed').catch(() => undefined);
    }
  }

  #sink(recordingId: string): RecordingSink {
    const recordings = this.#options.store.recordings;
    return {
      consent: (entry) =>
        recordings.setConsent({
          recording_id: recordingId,
          participant: entry.participant,
          display_name: entry.displayName,
          consent: entry.consent ? 1 : 0,
          decided_at: entry.at,
        }),
      trackStarted: (track) =>
        recordings.addFile({
          id: track.id,
          recording_id: recordingId,
          kind: 'track',
          participant: track.participant,
          media: track.media,
          file_name: track.fileName,
          offset_ms: track.offsetMs,
          language: track.language ?? null,
        }),
      trackEnded: (id, bytes) => recordings.setFileBytes(id, bytes),
    };
  }
}
