import type { RtpParametersWire } from '@ca/signaling';

/** RTP parameters a sender could offer: enough for mediasoup to accept a producer without a browser. */
export function opusParameters(ssrc = 11111111): RtpParametersWire {
  return {
    mid: '0',
    codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [] }],
    headerExtensions: [],
    encodings: [{ ssrc }],
    rtcp: { cname: 'test-audio', reducedSize: true },
  };
}

export function vp8Parameters(ssrc = 22222222): RtpParametersWire {
  return {
    mid: '1',
    codecs: [
      {
        mimeType: 'video/VP8',
        payloadType: 96,
        clockRate: 90000,
        parameters: {},
        rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
      },
    ],
    headerExtensions: [],
    encodings: [{ ssrc }],
    rtcp: { cname: 'test-video', reducedSize: true },
  };
}
