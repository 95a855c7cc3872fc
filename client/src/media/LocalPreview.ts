// The same `debug` mediasoup-client logs through (one ca:* namespace switch), without loading mediasoup-client on the pre-join screen.
import debug from 'debug';
import { captureCameraAndMicrophone, captureTrack, listDevices, PreferenceKey, preferences, type DeviceKind, type DeviceLists } from './localMedia';
import { captureErrorFrom, type CaptureProblemCode } from './problems';

const log = debug('ca:media:preview');

export type PreviewSnapshot = {
  /** 'starting' until the first permission prompt is answered. */
  status: 'starting' | 'ready' | 'closed';
  tracks: Record<DeviceKind, MediaStreamTrack | null>;
  devices: DeviceLists;
  /** The deviceId in use per kind, or null when none is open. */
  selected: Record<DeviceKind, string | null>;
  /** Why a kind is not available. */
  problems: Partial<Record<DeviceKind, CaptureProblemCode>>;
  /** A kind whose device is being switched. */
  switching: DeviceKind | null;
};

const PREFERENCE: Record<DeviceKind, string> = { camera: PreferenceKey.Camera, microphone: PreferenceKey.Microphone };

/**
 * The pre-join camera and microphone: opens them (one permission prompt), lists
 * devices, switches devices, and finally hands the open tracks over to the meeting
 * with `release()`, so the camera does not blink off and on when joining.
 * `close()` stops whatever was not released. React reads it with
 * `useSyncExternalStore(preview.subscribe, preview.getSnapshot)`.
 */
export class LocalPreview {
  #snapshot: PreviewSnapshot = {
    status: 'starting',
    tracks: { camera: null, microphone: null },
    devices: { camera: [], microphone: [] },
    selected: { camera: null, microphone: null },
    problems: {},
    switching: null,
  };
  readonly #listeners = new Set<() => void>();
  /** Bumped per kind on every capture, so a slow older capture cannot win. */
  readonly #generation: Record<DeviceKind, number> = { camera: 0, microphone: 0 };
  readonly #onDeviceChange = () => void this.#refreshDevices();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): PreviewSnapshot => this.#snapshot;

  /** Opens the remembered (or default) devices. Never rejects. */
  async start(): Promise<void> {
    navigator.mediaDevices?.addEventListener?.('devicechange', this.#onDeviceChange);
    const generation = { camera: ++this.#generation.camera, microphone: ++this.#generation.microphone };
    const captured = await captureCameraAndMicrophone({
      camera: preferences.get(PreferenceKey.Camera) ?? undefined,
      microphone: preferences.get(PreferenceKey.Microphone) ?? undefined,
    });
    const problems: PreviewSnapshot['problems'] = {};
    for (const kind of ['camera', 'microphone'] as const) {
      const track = captured[kind];
      if (this.#isClosed() || generation[kind] !== this.#generation[kind]) {
        track?.stop();
        continue;
      }
      const problem = captured.problems[kind];
      if (problem) problems[kind] = problem.code;
      this.#setTrack(kind, track);
    }
    if (this.#isClosed()) return;
    this.#update({ status: 'ready', problems: { ...this.#snapshot.problems, ...problems } });
    await this.#refreshDevices();
  }

  /** Switches to another camera or microphone. Never rejects. */
  async select(kind: DeviceKind, deviceId: string): Promise<void> {
    if (this.#isClosed() || this.#snapshot.selected[kind] === deviceId) return;
    const generation = ++this.#generation[kind];
    preferences.set(PREFERENCE[kind], deviceId);
    this.#setTrack(kind, null);
    this.#update({ switching: kind });
    try {
      const track = await captureTrack(kind, deviceId);
      if (this.#isClosed() || generation !== this.#generation[kind]) {
        track.stop();
        return;
      }
      this.#setTrack(kind, track);
      this.#update({ problems: { ...this.#snapshot.problems, [kind]: undefined } });
    } catch (error) {
      if (generation !== this.#generation[kind]) return;
      log('could not switch %s: %o', kind, error);
      this.#update({ problems: { ...this.#snapshot.problems, [kind]: captureErrorFrom(error).code } });
    } finally {
      if (generation === this.#generation[kind]) this.#update({ switching: null });
    }
  }

  /** Resolves once the first capture and any device switch have finished (or the preview closed). */
  settled(): Promise<void> {
    const done = () => this.#snapshot.status !== 'starting' && this.#snapshot.switching === null;
    if (done()) return Promise.resolve();
    return new Promise((resolve) => {
      const unsubscribe = this.subscribe(() => {
        if (!done()) return;
        unsubscribe();
        resolve();
      });
    });
  }

  /** Hands the open tracks to the caller, who must stop them. The preview then shows nothing. */
  release(): Record<DeviceKind, MediaStreamTrack | null> {
    const tracks = this.#snapshot.tracks;
    this.#generation.camera++;
    this.#generation.microphone++;
    this.#update({ tracks: { camera: null, microphone: null } });
    return tracks;
  }

  /** Stops every track still held and stops listening. Idempotent. */
  close(): void {
    if (this.#isClosed()) return;
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.#onDeviceChange);
    for (const track of Object.values(this.#snapshot.tracks)) track?.stop();
    this.#update({ status: 'closed', tracks: { camera: null, microphone: null } });
    this.#listeners.clear();
  }

  #isClosed(): boolean {
    return this.#snapshot.status === 'closed';
  }

  #setTrack(kind: DeviceKind, track: MediaStreamTrack | null): void {
    const old = this.#snapshot.tracks[kind];
    if (old && old !== track) old.stop();
    const deviceId = track?.getSettings().deviceId ?? null;
    this.#update({
      tracks: { ...this.#snapshot.tracks, [kind]: track },
      selected: { ...this.#snapshot.selected, [kind]: deviceId ?? this.#snapshot.selected[kind] },
    });
    track?.addEventListener('ended', () => {
      if (this.#snapshot.tracks[kind] !== track) return;
      this.#update({ tracks: { ...this.#snapshot.tracks, [kind]: null } });
    });
  }

  async #refreshDevices(): Promise<void> {
    try {
      const devices = await listDevices();
      if (!this.#isClosed()) this.#update({ devices });
    } catch (error) {
      log('could not list devices: %o', error);
    }
  }

  #update(patch: Partial<PreviewSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const listener of [...this.#listeners]) listener();
  }
}
