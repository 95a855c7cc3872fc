import type { DtlsParametersWire } from '@ca/signaling';
import { Device, debug, type types as ms } from 'mediasoup-client';
import { SignalingClient, type SignalingClientOptions } from '../api/signaling';
import { filterCandidates } from './transports';

const log = debug('ca:media:connection-test');

export type Protocol = 'udp' | 'tcp';
/** 'ok': a connection came up; 'blocked': it did not within the time; 'error': the test itself failed. */
export type ProbeResult = 'ok' | 'blocked' | 'error';
export type ConnectionTestResult = Record<Protocol, ProbeResult>;

/** How long one protocol may take to connect before it counts as blocked. */
const PROBE_TIMEOUT_MS = 6_000;

/**
 * The pre-join connection test: asks the server for a throwaway transport that listens
 * on UDP only, connects to it with a data channel, then does the same over TCP, and
 * reports which got through. Media over UDP is best; TCP still works behind firewalls
 * that block UDP. Never rejects.
 */
export async function testConnection(options: SignalingClientOptions = {}): Promise<ConnectionTestResult> {
  const signaling = new SignalingClient(options);
  try {
    await signaling.connect();
    const udp = await probe(signaling, 'udp');
    const tcp = await probe(signaling, 'tcp');
    return { udp, tcp };
  } catch (error) {
    log('connection test failed: %o', error);
    return { udp: 'error', tcp: 'error' };
  } finally {
    signaling.close();
  }
}

async function probe(signaling: SignalingClient, protocol: Protocol): Promise<ProbeResult> {
  let transport: ms.Transport | undefined;
  try {
    const answer = await signaling.request('probeTransport', { protocol });
    const device = await Device.factory();
    await device.load({ routerRtpCapabilities: answer.routerRtpCapabilities as ms.RtpCapabilities });
    const sendTransport = device.createSendTransport({
      id: answer.transport.id,
      iceParameters: answer.transport.iceParameters as unknown as ms.IceParameters,
      // A forced-TCP client (diagnostics, tests) drops UDP candidates here too, so the test shows what it will get.
      iceCandidates: filterCandidates(answer.transport.iceCandidates as unknown as ms.IceCandidate[]),
      dtlsParameters: answer.transport.dtlsParameters as unknown as ms.DtlsParameters,
      sctpParameters: answer.transport.sctpParameters as unknown as ms.SctpParameters,
    });
    transport = sendTransport;
    sendTransport.on('connect', ({ dtlsParameters }, callback, errback) => {
      signaling.request('probeConnect', { transportId: sendTransport.id, dtlsParameters: dtlsParameters as DtlsParametersWire }).then(
        () => callback(),
        (error: unknown) => errback(error instanceof Error ? error : new Error(String(error))),
      );
    });
    sendTransport.on('producedata', ({ sctpStreamParameters }, callback, errback) => {
      signaling
        .request('probeData', {
          transportId: sendTransport.id,
          sctpStreamParameters: { ...sctpStreamParameters, streamId: sctpStreamParameters.streamId ?? 0 },
        })
        .then(
          ({ dataProducerId }) => callback({ id: dataProducerId }),
          (error: unknown) => errback(error instanceof Error ? error : new Error(String(error))),
        );
    });
    const connected = new Promise<ProbeResult>((resolve) => {
      const timer = setTimeout(() => resolve('blocked'), PROBE_TIMEOUT_MS);
      sendTransport.on('connectionstatechange', (state) => {
        if (state === 'connected') {
          clearTimeout(timer);
          resolve('ok');
        } else if (state === 'failed') {
          clearTimeout(timer);
          resolve('blocked');
        }
      });
    });
    await sendTransport.produceData({ ordered: false, maxRetransmits: 0, label: 'probe' });
    const result = await connected;
    log('%s: %s', protocol, result);
    return result;
  } catch (error) {
    log('%s probe failed: %o', protocol, error);
    return 'error';
  } finally {
    transport?.close();
  }
}
