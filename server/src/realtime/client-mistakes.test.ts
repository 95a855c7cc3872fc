import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type ResponsePayload } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { captureLog } from '../test-support/media.js';
import { clientPool, startTestPlatform } from '../test-support/platform.js';
import { opusParameters } from '../test-support/rtp.js';

const ERROR_LEVEL = 50;

/** `[[[…1…]]]`, `depth` levels: deep enough (3,000) to overflow the media server's deep copy, small enough for one request. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

// Client mistakes get a typed answer and a debug line; only bugs are logged at error level.
describe('client mistakes on the signaling socket', () => {
  let platform: Platform;
  const captured = captureLog();
  const { connect } = clientPool(() => platform.url);
  beforeAll(async () => {
    platform = await startTestPlatform({}, { log: captured.log });
  });
  afterAll(() => platform.close());

  const joinedWithSendTransport = async (roomId: string, displayName: string) => {
    const client = await connect();
    await client.call('join', { roomId, displayName });
    const transport = await client.call<{ id: string }>('createTransport', { direction: 'send' });
    return { client, transportId: transport.id };
  };

  it('refuses deeply nested produce rtpParameters with BAD_REQUEST, logging no error', async () => {
    const { client, transportId } = await joinedWithSendTransport('deep-produce', 'Mallory');
    const before = captured.atLeast(ERROR_LEVEL).length;
    const rtpParameters = { ...opusParameters(), encodings: [{ ssrc: 5, x: nested(3000) }] };
    const ack = await client.request('produce', { transportId, kind: 'audio', source: 'microphone', rtpParameters });
    expect(ack).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    const deepCodec = { ...opusParameters(), codecs: [{ ...opusParameters().codecs[0]!, parameters: { x: nested(3000) } }] };
    const again = await client.request('produce', { transportId, kind: 'audio', source: 'microphone', rtpParameters: deepCodec });
    expect(again).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect(captured.atLeast(ERROR_LEVEL).slice(before)).toEqual([]);
    // The connection is still good: a proper producer is taken.
    expect(await client.request('produce', { transportId, kind: 'audio', source: 'microphone', rtpParameters: opusParameters() })).toMatchObject({
      ok: true,
    });
  });

  it('refuses deeply nested consume rtpCapabilities with BAD_REQUEST, logging no error', async () => {
    const { client: alice, transportId } = await joinedWithSendTransport('deep-consume', 'Alice');
    const { producerId } = await alice.call<{ producerId: string }>('produce', {
      transportId,
      kind: 'audio',
      source: 'microphone',
      rtpParameters: opusParameters(),
    });
    const bob = await connect();
    await bob.call('join', { roomId: 'deep-consume', displayName: 'Bob' });
    const recv = await bob.call<{ id: string }>('createTransport', { direction: 'recv' });
    const before = captured.atLeast(ERROR_LEVEL).length;
    const rtpCapabilities = { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, parameters: { x: nested(3000) } }] };
    const ack = await bob.request('consume', { transportId: recv.id, producerId, rtpCapabilities });
    expect(ack).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect(captured.atLeast(ERROR_LEVEL).slice(before)).toEqual([]);
  });

  it('answers a duplicate SCTP stream id in the connection test with MEDIA_REJECTED, logging no error', async () => {
    const client = await connect();
    const probe = await client.call<ResponsePayload<'probeTransport'>>('probeTransport', { protocol: 'udp' });
    const before = captured.atLeast(ERROR_LEVEL).length;
    const first = await client.request('probeData', { transportId: probe.transport.id, sctpStreamParameters: { streamId: 3 } });
    expect(first).toMatchObject({ ok: true });
    const second = await client.request('probeData', { transportId: probe.transport.id, sctpStreamParameters: { streamId: 3 } });
    expect(second).toMatchObject({ ok: false, error: { code: ErrorCode.MediaRejected } });
    expect(captured.atLeast(ERROR_LEVEL).slice(before)).toEqual([]);
    expect(captured.lines.some((l) => l.event === 'probeData' && l.code === ErrorCode.MediaRejected)).toBe(true);
  });
});
