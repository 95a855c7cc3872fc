import dgram from 'node:dgram';
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

/** Opus-shaped RTP packets (payload type 111) sent from a UDP socket every 20 ms, like a microphone. */
export function rtpSender(port: number, ssrc = 11111111) {
  const socket = dgram.createSocket('udp4');
  let seq = 1000;
  let timestamp = 0;
  const timer = setInterval(() => {
    const packet = Buffer.alloc(12 + 60);
    packet[0] = 0x80;
    packet[1] = 111;
    packet.writeUInt16BE(seq++ & 0xffff, 2);
    packet.writeUInt32BE((timestamp += 960) >>> 0, 4);
    packet.writeUInt32BE(ssrc, 8);
    socket.send(packet, port, '127.0.0.1');
  }, 20);
  return { close: () => (clearInterval(timer), socket.close()) };
}
