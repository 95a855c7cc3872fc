import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type PeerInfo, type ProducerInfo } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { clientPool, startTestPlatform } from '../test-support/platform.js';
import { opusParameters } from '../test-support/rtp.js';

/** Interpreter channels on the SFU: an interpreter's voice is a producer of its own, tagged with its language. */
describe('interpretation channels', () => {
  let platform: Platform;
  const { connect } = clientPool(() => platform.url);
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  const joined = async (roomId: string, displayName: string) => {
    const client = await connect();
    const answer = await client.call<{ peerId: string; peers: PeerInfo[]; routerRtpCapabilities: unknown }>('join', { roomId, displayName });
    const transport = await client.call<{ id: string }>('createTransport', { direction: 'send' });
    return { client, transportId: transport.id, peers: answer.peers, peerId: answer.peerId, capabilities: answer.routerRtpCapabilities };
  };

  it('announces a channel with its language, lets listeners consume it, and hands over to a colleague without a gap', async () => {
    const interpreter = await joined('interp-room', 'Ana (ES)');
    const listener = await joined('interp-room', 'Listener');
    await interpreter.client.call('produce', {
      transportId: interpreter.transportId,
      kind: 'audio',
      source: 'microphone',
      rtpParameters: opusParameters(1),
    });
    const announced = listener.client.next<{ producer: ProducerInfo }>('producerAdded');
    const { producerId } = await interpreter.client.call<{ producerId: string }>('produce', {
      transportId: interpreter.transportId,
      kind: 'audio',
      source: 'interpretation',
      language: 'es',
      rtpParameters: { ...opusParameters(2), mid: '1' },
    });
    expect((await announced).producer).toMatchObject({ producerId, source: 'interpretation', language: 'es', kind: 'audio' });

    // A listener joining later sees the live channel in the room's list.
    const late = await joined('interp-room', 'Late listener');
    const ana = late.peers.find((p) => p.displayName === 'Ana (ES)')!;
    expect(ana.producers.map((p) => [p.source, p.language])).toEqual(
      expect.arrayContaining([
        ['microphone', undefined],
        ['interpretation', 'es'],
      ]),
    );
    const recv = await listener.client.call<{ id: string }>('createTransport', { direction: 'recv' });
    const consumed = await listener.client.call<{ source: string; kind: string }>('consume', {
      transportId: recv.id,
      producerId,
      rtpCapabilities: listener.capabilities,
    });
    expect(consumed).toMatchObject({ source: 'interpretation', kind: 'audio' });

    // A colleague opens the same channel while Ana still speaks; then Ana stops: the channel never goes quiet.
    const colleague = await joined('interp-room', 'Bea (ES)');
    const second = await colleague.client.call<{ producerId: string }>('produce', {
      transportId: colleague.transportId,
      kind: 'audio',
      source: 'interpretation',
      language: 'es',
      rtpParameters: opusParameters(3),
    });
    expect(second.producerId).toBeTruthy();
    await interpreter.client.call('closeProducer', { producerId });
    const after = await joined('interp-room', 'Check');
    const live = after.peers.flatMap((p) => p.producers).filter((p) => p.source === 'interpretation');
    expect(live).toEqual([expect.objectContaining({ language: 'es', producerId: second.producerId, peerId: colleague.peerId })]);
  });

  it('refuses a channel without a language, a language on another source, a malformed tag and a second channel', async () => {
    const { client, transportId } = await joined('interp-mistakes', 'Mallory');
    const produce = (extra: Record<string, unknown>) =>
      client.request('produce', { transportId, kind: 'audio', rtpParameters: opusParameters(9), ...extra });
    expect(await produce({ source: 'interpretation' })).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect(await produce({ source: 'microphone', language: 'es' })).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect(await produce({ source: 'interpretation', language: 'Spanish!' })).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect(await produce({ source: 'interpretation', language: 'x'.repeat(40) })).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect(await produce({ source: 'interpretation', kind: 'video', language: 'es' })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.BadRequest },
    });
    expect(await produce({ source: 'interpretation', language: 'fr' })).toMatchObject({ ok: true });
    expect(await produce({ source: 'interpretation', language: 'de', rtpParameters: opusParameters(10) })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Conflict },
    });
  });
});
