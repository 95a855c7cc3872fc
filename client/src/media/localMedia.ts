import { CaptureError, CaptureProblemCode, captureErrorFrom } from './problems';

/** localStorage key: `'low'` captures 320x240 @ 15 fps (browser tests, weak machines). */
export const VIDEO_PROFILE_KEY = 'ca:video-profile';

export type DeviceKind = 'camera' | 'microphone';

export type CapturedMedia = {
  camera: MediaStreamTrack | null;
  microphone: MediaStreamTrack | null;
  /** Why a kind is missing, when it is. */
  problems: Partial<Record<DeviceKind, CaptureError>>;
};

export type DeviceChoice = Partial<Record<DeviceKind, string>>;

/** Camera constraints: ideal 1280x720 @ 30 fps, or 320x240 @ 15 fps with the 'low' profile. */
export function cameraConstraints(deviceId?: string): MediaTrackConstraints {
  const low = preferences.get(VIDEO_PROFILE_KEY) === 'low';
  return {
    width: { ideal: low ? 320 : 1280 },
    height: { ideal: low ? 240 : 720 },
    frameRate: { ideal: low ? 15 : 30 },
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
  };
}

export function microphoneConstraints(deviceId?: string): MediaTrackConstraints {
  return {
    echoCancellation: true,
    noiseSuppression: true,
    autoGainControl: true,
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
  };
}

function mediaDevices(): MediaDevices {
  // Browsers hide navigator.mediaDevices on plain-HTTP pages other than localhost.
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new CaptureError(CaptureProblemCode.Insecure, 'media devices need a secure (HTTPS) page');
  }
  return navigator.mediaDevices;
}

/** Opens one camera or microphone. Rejects with a CaptureError. */
export async function captureTrack(kind: DeviceKind, deviceId?: string): Promise<MediaStreamTrack> {
  try {
    const constraints: MediaStreamConstraints =
      kind === 'camera' ? { video: cameraConstraints(deviceId) } : { audio: microphoneConstraints(deviceId) };
    const stream = await mediaDevices().getUserMedia(constraints);
    const track = kind === 'camera' ? stream.getVideoTracks()[0] : stream.getAudioTracks()[0];
    if (!track) throw new CaptureError(CaptureProblemCode.NotFound, `no ${kind} track`);
    return track;
  } catch (error) {
    // A remembered device that is gone: fall back to the default one.
    if (deviceId && error instanceof Error && error.name === 'OverconstrainedError') return captureTrack(kind);
    throw captureErrorFrom(error);
  }
}

/**
 * Opens camera and microphone with one permission prompt when both exist; when
 * that fails, tries each alone so that one missing device does not cost the other.
 * Never rejects: what could not be opened is in `problems`.
 */
export async function captureCameraAndMicrophone(choice: DeviceChoice = {}): Promise<CapturedMedia> {
  try {
    const stream = await mediaDevices().getUserMedia({
      video: cameraConstraints(choice.camera),
      audio: microphoneConstraints(choice.microphone),
    });
    return {
      camera: stream.getVideoTracks()[0] ?? null,
      microphone: stream.getAudioTracks()[0] ?? null,
      problems: {},
    };
  } catch (error) {
    const problem = captureErrorFrom(error);
    if (problem.code === CaptureProblemCode.Denied || problem.code === CaptureProblemCode.Insecure) {
      return { camera: null, microphone: null, problems: { camera: problem, microphone: problem } };
    }
  }
  const [camera, microphone] = await Promise.allSettled([captureTrack('camera', choice.camera), captureTrack('microphone', choice.microphone)]);
  const problems: CapturedMedia['problems'] = {};
  if (camera.status === 'rejected') problems.camera = captureErrorFrom(camera.reason);
  if (microphone.status === 'rejected') problems.microphone = captureErrorFrom(microphone.reason);
  return {
    camera: camera.status === 'fulfilled' ? camera.value : null,
    microphone: microphone.status === 'fulfilled' ? microphone.value : null,
    problems,
  };
}

export type MediaDeviceOption = { deviceId: string; label: string };
export type DeviceLists = Record<DeviceKind, MediaDeviceOption[]>;

/** Cameras and microphones; labels are only filled in once the page has permission. */
export async function listDevices(): Promise<DeviceLists> {
  const lists: DeviceLists = { camera: [], microphone: [] };
  if (!navigator.mediaDevices?.enumerateDevices) return lists;
  const devices = await navigator.mediaDevices.enumerateDevices();
  for (const device of devices) {
    const kind: DeviceKind | undefined = device.kind === 'videoinput' ? 'camera' : device.kind === 'audioinput' ? 'microphone' : undefined;
    if (!kind || !device.deviceId) continue;
    lists[kind].push({ deviceId: device.deviceId, label: device.label });
  }
  return lists;
}

/** Opens a screen, window or tab chosen by the person. Rejects with a CaptureError. */
export async function captureScreen(): Promise<{ video: MediaStreamTrack; audio: MediaStreamTrack | null }> {
  if (!navigator.mediaDevices?.getDisplayMedia) {
    throw new CaptureError(CaptureProblemCode.ScreenUnsupported, 'getDisplayMedia is not available');
  }
  try {
    const stream = await navigator.mediaDevices.getDisplayMedia({
      video: { frameRate: { ideal: 15, max: 30 } },
      audio: true,
    });
    const video = stream.getVideoTracks()[0];
    if (!video) {
      for (const track of stream.getTracks()) track.stop();
      throw new CaptureError(CaptureProblemCode.NotFound, 'no screen track');
    }
    // Text on a shared screen should stay sharp rather than smooth.
    video.contentHint = 'detail';
    return { video, audio: stream.getAudioTracks()[0] ?? null };
  } catch (error) {
    throw captureErrorFrom(error);
  }
}

/** Remembers small preferences; storage may be unavailable (private mode, quotas). */
export const preferences = {
  get(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key: string, value: string): void {
    try {
      localStorage.setItem(key, value);
    } catch {
      // Not remembering is fine.
    }
  },
};

export const PreferenceKey = {
  DisplayName: 'ca:display-name',
  Camera: 'ca:camera-id',
  Microphone: 'ca:microphone-id',
} as const;
