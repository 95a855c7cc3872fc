import { mediaSourceSchema, type DtlsParametersWire, type RtpParametersWire } from '@ca/signaling';
import { debug, type types as ms } from 'mediasoup-client';
import type { SignalingClient } from '../api/signaling';

const log = debug('ca:media:transport');

export type CreateTransportOptions = {
  device: ms.Device;
  signaling: SignalingClient;
  direction: 'send' | 'recv';
};

/**
 * Asks the server for a WebRTC transport and builds its mediasoup-client side,
 * wired to the protocol: 'connect' → `connectTransport`, and on a send transport
 * 'produce' → `produce` (the media source travels in the producer's `appData.source`).
 */
export async function createTransport({ device, signaling, direction }: CreateTransportOptions): Promise<ms.Transport> {
  if (direction === 'send' && !device.canProduce('audio') && !device.canProduce('video')) {
    throw Object.assign(new Error('this browser cannot send media to the server'), { name: 'UnsupportedError' });
  }
  const options = await signaling.request('createTransport', { direction });
  const params = {
    id: options.id,
    iceParameters: options.iceParameters as unknown as ms.IceParameters,
    iceCandidates: options.iceCandidates as unknown as ms.IceCandidate[],
    dtlsParameters: options.dtlsParameters as unknown as ms.DtlsParameters,
  };
  const transport = direction === 'send' ? device.createSendTransport(params) : device.createRecvTransport(params);
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    signaling
      .request('connectTransport', { transportId: transport.id, dtlsParameters: dtlsParameters as DtlsParametersWire })
      .then(() => callback(), (error: unknown) => errback(asError(error)));
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
        })
        .then(({ producerId }) => callback({ id: producerId }), (error: unknown) => errback(asError(error)));
    });
  }
  transport.on('connectionstatechange', (state) => log('%s transport %s: %s', direction, transport.id, state));
  return transport;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
