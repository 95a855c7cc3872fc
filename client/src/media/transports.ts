import { mediaSourceSchema, type DtlsParametersWire, type IceServer, type RtpParametersWire } from '@ca/signaling';
import { debug, type types as ms } from 'mediasoup-client';
import type { SignalingClient } from '../api/signaling';
import { preferences } from './localMedia';

const log = debug('ca:media:transport');

/** localStorage key: `'tcp'` drops the server's UDP candidates (tests and diagnostics of TCP-only networks). */
export const ICE_TRANSPORT_KEY = 'ca:ice-transport';

/** How long a transport may stay 'disconnected' before its ICE is restarted, in ms. */
const DISCONNECTED_GRACE_MS = 3_000;

export type CreateTransportOptions = {
  device: ms.Device;
  signaling: SignalingClient;
  direction: 'send' | 'recv';
  /** STUN/TURN servers from the join answer. */
  iceServers?: readonly IceServer[];
};

/** The server's candidates, without UDP ones when TCP is forced. */
export function filterCandidates(candidates: ms.IceCandidate[], forced = preferences.get(ICE_TRANSPORT_KEY)): ms.IceCandidate[] {
  if (forced !== 'tcp') return candidates;
  return candidates.filter((c) => String(c.protocol).toLowerCase() !== 'udp');
}

/**
 * Asks the server for a WebRTC transport and builds its mediasoup-client side,
 * wired to the protocol: 'connect' → `connectTransport`, and on a send transport
 * 'produce' → `produce` (the media source travels in the producer's `appData.source`,
 * `appData.paused` starts it paused on the server, an interpretation channel's `appData.language` names it).
 */
export async function createTransport({ device, signaling, direction, iceServers = [] }: CreateTransportOptions): Promise<ms.Transport> {
  if (direction === 'send' && !device.canProduce('audio') && !device.canProduce('video')) {
    throw Object.assign(new Error('this browser cannot send media to the server'), { name: 'UnsupportedError' });
  }
  const options = await signaling.request('createTransport', { direction });
  const params: ms.TransportOptions = {
    id: options.id,
    iceParameters: options.iceParameters as unknown as ms.IceParameters,
    iceCandidates: filterCandidates(options.iceCandidates as unknown as ms.IceCandidate[]),
    dtlsParameters: options.dtlsParameters as unknown as ms.DtlsParameters,
    iceServers: iceServers.map((s) => ({
      urls: s.urls,
      ...(s.username !== undefined ? { username: s.username } : {}),
      ...(s.credential !== undefined ? { credential: s.credential } : {}),
    })),
  };
  const transport = direction === 'send' ? device.createSendTransport(params) : device.createRecvTransport(params);
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    signaling.request('connectTransport', { transportId: transport.id, dtlsParameters: dtlsParameters as DtlsParametersWire }).then(
      () => callback(),
      (error: unknown) => errback(asError(error)),
    );
  });
  if (direction === 'send') {
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      const source = mediaSourceSchema.safeParse(appData.source);
      if (!source.success) {
        errback(new Error('a producer needs appData.source'));
        return;
      }
      signaling
        .request('produce', {
          transportId: transport.id,
          kind,
          source: source.data,
          rtpParameters: rtpParameters as RtpParametersWire,
          ...(appData.paused === true ? { paused: true } : {}),
          ...(typeof appData.language === 'string' ? { language: appData.language } : {}),
        })
        .then(
          ({ producerId }) => callback({ id: producerId }),
          (error: unknown) => errback(asError(error)),
        );
    });
  }
  transport.on('connectionstatechange', (state) => log('%s transport %s: %s', direction, transport.id, state));
  return transport;
}

/** A transport whose ICE should be restarted now. */
export function needsIceRestart(transport: ms.Transport): boolean {
  return !transport.closed && (transport.connectionState === 'failed' || transport.connectionState === 'disconnected');
}

/** New ICE credentials from the server, applied to the browser side. Rejects when the server cannot be asked. */
export async function restartIce(transport: ms.Transport, signaling: SignalingClient): Promise<void> {
  log('restarting ICE of %s', transport.id);
  const { iceParameters } = await signaling.request('restartIce', { transportId: transport.id });
  if (transport.closed) return;
  await transport.restartIce({ iceParameters: iceParameters as unknown as ms.IceParameters });
}

/**
 * Calls `onStale` when the transport's connection failed, or stayed disconnected
 * for `DISCONNECTED_GRACE_MS` (a network change: ICE restarts instead of waiting).
 */
export function watchConnection(transport: ms.Transport, onStale: () => void): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  transport.on('connectionstatechange', (state) => {
    clearTimeout(timer);
    if (state === 'failed') onStale();
    else if (state === 'disconnected') timer = setTimeout(() => needsIceRestart(transport) && onStale(), DISCONNECTED_GRACE_MS);
  });
  transport.observer.on('close', () => clearTimeout(timer));
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
