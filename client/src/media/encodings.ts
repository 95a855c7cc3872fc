import type { MediaSource } from '@ca/signaling';
import type { types as ms } from 'mediasoup-client';
import { VIDEO_PROFILE_KEY, preferences } from './localMedia';

/**
 * localStorage key overriding the camera codec: `'vp8'` (simulcast) or `'vp9'` (SVC). Unset: VP9 SVC
 * where the router and the browser offer it, except with the 'low' video profile (weak devices and
 * browser tests), where VP8 simulcast costs the sender less CPU.
 */
export const VIDEO_CODEC_KEY = 'ca:video-codec';

/** Options for `transport.produce()` beyond the track: encodings, codec and codec options. */
export type SendOptions = Pick<ms.ProducerOptions, 'encodings' | 'codec' | 'codecOptions'>;

/**
 * Camera simulcast: three VP8 layers at 1/4, 1/2 and full resolution (100, 300 and
 * 900 kbps), each with three temporal layers, so the server can forward to every
 * receiver the layer its tile and its connection can take. With the 'low' video
 * profile (320x240) a quarter-size layer (80x60) is worthless, so two layers remain.
 */
export function cameraEncodings(low = preferences.get(VIDEO_PROFILE_KEY) === 'low'): ms.RtpEncodingParameters[] {
  if (low) {
    return [
      { scaleResolutionDownBy: 2, maxBitrate: 100_000, scalabilityMode: 'L1T3' },
      { scaleResolutionDownBy: 1, maxBitrate: 300_000, scalabilityMode: 'L1T3' },
    ];
  }
  return [
    { scaleResolutionDownBy: 4, maxBitrate: 100_000, scalabilityMode: 'L1T3' },
    { scaleResolutionDownBy: 2, maxBitrate: 300_000, scalabilityMode: 'L1T3' },
    { scaleResolutionDownBy: 1, maxBitrate: 900_000, scalabilityMode: 'L1T3' },
  ];
}

/** The device's VP9 codec when the router and this browser both offer it. */
function vp9(device: ms.Device): ms.RtpCodecCapability | undefined {
  return device.sendRtpCapabilities.codecs?.find((c) => c.mimeType.toLowerCase() === 'video/vp9');
}

/** Whether the camera goes out as VP9 SVC (see VIDEO_CODEC_KEY). */
export function wantsVp9(choice: string | null, low: boolean): boolean {
  if (choice === 'vp9') return true;
  if (choice === 'vp8') return false;
  return !low;
}

/**
 * How to send one source. Camera: VP9 SVC (one stream, three spatial and three temporal
 * layers, L3T3_KEY) where offered, else VP8 simulcast. Microphone and interpretation: Opus with DTX and FEC.
 * Screen: one sharp layer with temporal scalability.
 */
export function sendOptions(
  device: ms.Device,
  source: MediaSource,
  codecChoice = preferences.get(VIDEO_CODEC_KEY),
  low = preferences.get(VIDEO_PROFILE_KEY) === 'low',
): SendOptions {
  switch (source) {
    case 'microphone':
    case 'interpretation':
      return { codecOptions: { opusDtx: true, opusFec: true } };
    case 'camera': {
      const svc = wantsVp9(codecChoice, low) ? vp9(device) : undefined;
      if (svc) {
        return { codec: svc, encodings: [{ scalabilityMode: 'L3T3_KEY', maxBitrate: 900_000 }], codecOptions: { videoGoogleStartBitrate: 1000 } };
      }
      return { encodings: cameraEncodings(low), codecOptions: { videoGoogleStartBitrate: 1000 } };
    }
    case 'screen':
      return { encodings: [{ maxBitrate: 1_500_000, scalabilityMode: 'L1T3' }] };
    case 'screen-audio':
      return {};
  }
}

/** The highest spatial layer worth receiving for a tile this wide (device pixels). */
export function spatialLayerFor(width: number): number {
  if (width < 320) return 0;
  if (width < 720) return 1;
  return 2;
}
