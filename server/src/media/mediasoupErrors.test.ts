import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '@ca/signaling';
import { AppError } from '../errors.js';
import { mediaCodecs } from './codecs.js';
import { classifyMediasoupError, withClientParameters } from './mediasoupErrors.js';

const opus = { mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 };

/** What a real worker throws for `call`: every case below drives mediasoup itself, so its wording is under test. */
async function thrownBy(call: () => Promise<unknown>): Promise<Error> {
  const error = await call().then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(error instanceof Error)) throw new Error('expected mediasoup to refuse');
  return error;
}

describe('classifyMediasoupError, against a real mediasoup worker', () => {
  let worker: types.Worker;
  let router: types.Router;
  const transport = () => router.createWebRtcTransport({ listenInfos: [{ protocol: 'udp', ip: '127.0.0.1' }], enableSctp: true });

  beforeAll(async () => {
    worker = await mediasoup.createWorker({ logLevel: 'none' });
    router = await worker.createRouter({ mediaCodecs });
  });
  afterAll(() => worker?.close());

  it('malformed RTP parameters (TypeError "invalid codec.mimeType") are rejected', async () => {
    const t = await transport();
    const error = await thrownBy(() => t.produce({ kind: 'audio', rtpParameters: { codecs: [{ ...opus, mimeType: 'bogus' }] } }));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/invalid codec\.mimeType/);
    expect(classifyMediasoupError(error)).toBe('rejected');
  });

  it('a codec the router lacks (UnsupportedError "unsupported codec") is rejected', async () => {
    const t = await transport();
    const error = await thrownBy(() =>
      t.produce({
        kind: 'video',
        rtpParameters: { mid: '0', codecs: [{ mimeType: 'video/H265', payloadType: 100, clockRate: 90000 }], encodings: [{ ssrc: 1 }] },
      }),
    );
    expect(error.name).toBe('UnsupportedError');
    expect(error.message).toMatch(/unsupported codec/);
    expect(classifyMediasoupError(error)).toBe('rejected');
  });

  it('a DTLS fingerprint algorithm mediasoup does not know (TypeError) is rejected', async () => {
    const t = await transport();
    const error = await thrownBy(() =>
      t.connect({ dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-999' as 'sha-256', value: 'AB' }] } }),
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(classifyMediasoupError(error)).toBe('rejected');
  });

  it('a MID another producer uses (worker: "MID already exists in RTP listener") is rejected', async () => {
    const t = await transport();
    await t.produce({ kind: 'audio', rtpParameters: { mid: '0', codecs: [opus], encodings: [{ ssrc: 11 }] } });
    const error = await thrownBy(() => t.produce({ kind: 'audio', rtpParameters: { mid: '0', codecs: [opus], encodings: [{ ssrc: 22 }] } }));
    expect(error.message).toMatch(/^MID already exists in RTP listener/);
    expect(classifyMediasoupError(error)).toBe('rejected');
  });

  it('an SSRC another producer uses (worker: "ssrc already exists in RTP listener") is rejected', async () => {
    const t = await transport();
    await t.produce({ kind: 'audio', rtpParameters: { mid: '0', codecs: [opus], encodings: [{ ssrc: 33 }] } });
    const error = await thrownBy(() => t.produce({ kind: 'audio', rtpParameters: { mid: '1', codecs: [opus], encodings: [{ ssrc: 33 }] } }));
    expect(error.message).toMatch(/^ssrc already exists in RTP listener/);
    expect(classifyMediasoupError(error)).toBe('rejected');
  });

  it('a duplicate SCTP stream id (worker: "streamId already exists in SCTP listener") is rejected', async () => {
    const t = await transport();
    await t.produceData({ sctpStreamParameters: { streamId: 7 } });
    const error = await thrownBy(() => t.produceData({ sctpStreamParameters: { streamId: 7 } }));
    expect(error.message).toMatch(/^streamId already exists in SCTP listener/);
    expect(classifyMediasoupError(error)).toBe('rejected');
  });

  it('a call after the worker died (InvalidStateError) means closed, and a bug stays unknown', async () => {
    const doomed = await mediasoup.createWorker({ logLevel: 'none' });
    const doomedRouter = await doomed.createRouter({ mediaCodecs });
    doomed.close();
    const error = await thrownBy(() => doomedRouter.createWebRtcTransport({ listenInfos: [{ protocol: 'udp', ip: '127.0.0.1' }] }));
    expect(error.name).toBe('InvalidStateError');
    expect(classifyMediasoupError(error)).toBe('closed');
    expect(classifyMediasoupError(new Error('something else broke'))).toBe('unknown');
    expect(classifyMediasoupError('not an error')).toBe('unknown');
  });

  it("withClientParameters answers a refusal with MEDIA_REJECTED, a close with the caller's error, and rethrows the rest", async () => {
    const t = await transport();
    await t.produceData({ sctpStreamParameters: { streamId: 9 } });
    const onClosed = () => new AppError(ErrorCode.Unavailable, 'restarting');
    await expect(withClientParameters(() => t.produceData({ sctpStreamParameters: { streamId: 9 } }), { onClosed })).rejects.toMatchObject({
      code: ErrorCode.MediaRejected,
    });
    const closed = Object.assign(new Error('Channel closed'), { name: 'InvalidStateError' });
    await expect(withClientParameters(() => Promise.reject(closed), { onClosed })).rejects.toMatchObject({ code: ErrorCode.Unavailable });
    const bug = new Error('bug');
    await expect(withClientParameters(() => Promise.reject(bug), { onClosed })).rejects.toBe(bug);
  });
});
