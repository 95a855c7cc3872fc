import { randomUUID } from 'node:crypto';
import type { ProducerInfo } from '@ca/signaling';
import type { ProducerRef } from '../media/participantEvents.js';
import type { Logger } from '../logger.js';
import type { Peer } from '../media/Peer.js';
import type { Room } from '../media/Room.js';
import { TrackRecorder } from './TrackRecorder.js';

/** Who a participant is across reconnects: their account, else (demo rooms) their peer. */
export const participantOf = (peer: Pick<Peer, 'userId' | 'id'>): string => peer.userId ?? peer.id;

/** Where a room recorder writes down what it decided and made (the recording's rows). */
export type RecordingSink = {
  consent(entry: { participant: string; displayName: string; consent: boolean; at: string }): Promise<void>;
  trackStarted(track: {
    id: string;
    participant: string;
    media: 'audio' | 'video';
    fileName: string;
    offsetMs: number;
    language?: string | undefined;
  }): Promise<void>;
  trackEnded(id: string, bytes: number): Promise<void>;
};

export type RoomRecorderOptions = {
  room: Room;
  /** Folder of this recording's files. */
  dir: string;
  /** The recording's start (ms since epoch): tracks' offsets count from it. */
  startedAt: number;
  now: () => number;
  sink: RecordingSink;
  log: Logger;
};

type Track = { id: string; recorder: TrackRecorder; producerId: string };

/**
 * Records one room while it runs: every producer of a participant who consented (hosts do by
 * starting or joining a recorded meeting as host) gets a TrackRecorder; nobody else's producer is
 * consumed. A participant who reconnects (or whose worker restarted) produces anew: new producers,
 * new tracks with their own offsets, so the composed video shows a gap, not a lost file.
 */
export class RoomRecorder {
  readonly #options: RoomRecorderOptions;
  /** participant → consent (true: record). Undecided participants are absent (not recorded). */
  readonly #consents = new Map<string, boolean>();
  readonly #tracks = new Map<string, Track>();
  readonly #starting = new Set<Promise<void>>();
  readonly #ending = new Set<Promise<void>>();
  /** Producers being recorded or starting to be (a producer is recorded once). */
  readonly #claimed = new Set<string>();
  readonly #unsubscribe: () => void;
  #stopped = false;

  constructor(options: RoomRecorderOptions) {
    this.#options = options;
    const { room } = options;
    const onAdded = (info: ProducerInfo) => this.#maybeRecord(info.peerId, info.producerId);
    const onClosed = (ref: ProducerRef) => void this.#end(ref.producerId);
    // A track that went quiet too long (camera or microphone paused) ended: a new one starts when it comes back.
    const onResumed = (ref: ProducerRef) => this.#maybeRecord(ref.peerId, ref.producerId);
    room.on('producerAdded', onAdded);
    room.on('producerClosed', onClosed);
    room.on('producerResumed', onResumed);
    this.#unsubscribe = () => {
      room.off('producerAdded', onAdded);
      room.off('producerClosed', onClosed);
      room.off('producerResumed', onResumed);
    };
  }

  /** Whether this participant's answer is known (hosts count as having agreed). */
  decided(peer: Peer): boolean {
    return peer.role === 'host' || this.#consents.has(participantOf(peer));
  }

  /** Records what a participant said; yes starts their tracks, no ends any running. */
  async setConsent(peer: Peer, consent: boolean): Promise<void> {
    if (this.#stopped) return;
    const participant = participantOf(peer);
    this.#consents.set(participant, consent);
    await this.#options.sink.consent({ participant, displayName: peer.displayName, consent, at: new Date(this.#options.now()).toISOString() });
    const peers = this.#options.room.peerInfos().filter((p) => {
      const local = this.#options.room.getPeer(p.peerId);
      return local && participantOf(local) === participant;
    });
    for (const p of peers) {
      for (const producer of p.producers) {
        if (consent) this.#maybeRecord(p.peerId, producer.producerId);
        else await this.#end(producer.producerId);
      }
    }
  }

  /** Starts the tracks of everyone already allowed (the hosts at the start). */
  recordPresent(): void {
    for (const info of this.#options.room.peerInfos()) for (const producer of info.producers) this.#maybeRecord(info.peerId, producer.producerId);
  }

  /** Ends every track (ffmpeg writes each file's end) and stops listening. Idempotent. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe();
    await Promise.allSettled([...this.#starting]);
    await Promise.allSettled([...this.#tracks.keys()].map((producerId) => this.#end(producerId)));
    await Promise.allSettled([...this.#ending]);
  }

  #allowed(peer: Peer): boolean {
    return peer.role === 'host' || this.#consents.get(participantOf(peer)) === true;
  }

  #maybeRecord(peerId: string, producerId: string): void {
    if (this.#stopped || this.#claimed.has(producerId)) return;
    const peer = this.#options.room.getPeer(peerId);
    const own = peer?.getProducer(producerId);
    if (!peer || !own || !this.#allowed(peer)) return;
    this.#claimed.add(producerId);
    const starting = this.#record(peer, own.producer, own.info.language).finally(() => this.#starting.delete(starting));
    this.#starting.add(starting);
  }

  async #record(peer: Peer, producer: Parameters<typeof TrackRecorder.start>[0]['producer'], language: string | undefined): Promise<void> {
    const { dir, log, sink, now, startedAt } = this.#options;
    const id = randomUUID();
    const media = producer.kind;
    let recorder: TrackRecorder;
    try {
      recorder = await TrackRecorder.start({ router: peer.router, producer, dir, baseName: `${media}-${id}`, log });
    } catch (err) {
      log.warn({ err, producerId: producer.id }, 'a track could not be recorded');
      this.#claimed.delete(producer.id);
      return;
    }
    if (this.#stopped || producer.closed || !this.#allowed(peer)) {
      this.#claimed.delete(producer.id);
      await recorder.stop();
      return;
    }
    await sink.trackStarted({
      id,
      participant: participantOf(peer),
      media,
      fileName: recorder.fileName,
      offsetMs: Math.max(0, now() - startedAt),
      language,
    });
    this.#tracks.set(producer.id, { id, recorder, producerId: producer.id });
    recorder.onEnded = () => void this.#end(producer.id);
    // Stopped, closed or consent withdrawn while it started.
    if (this.#stopped || producer.closed || !this.#allowed(peer)) await this.#end(producer.id);
  }

  /** Ends a producer's track; `stop()` waits for every track ending, these included. */
  #end(producerId: string): Promise<void> {
    const track = this.#tracks.get(producerId);
    if (!track) return Promise.resolve();
    this.#tracks.delete(producerId);
    this.#claimed.delete(producerId);
    const ending = (async () => {
      const bytes = await track.recorder.stop();
      await this.#options.sink.trackEnded(track.id, bytes).catch((err: unknown) => this.#options.log.warn({ err }, 'track size not stored'));
    })().finally(() => this.#ending.delete(ending));
    this.#ending.add(ending);
    return ending;
  }
}
