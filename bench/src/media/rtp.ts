import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';

/** Payload type and SSRC the synthetic stream uses; the producer's rtpParameters say the same. */
export const VP8_PAYLOAD_TYPE = 96;

/** Producer RTP parameters for the synthetic stream (what a browser's VP8 sender would offer). */
export function vp8ProducerParameters(ssrc: number) {
  return {
    mid: '0',
    codecs: [
      {
        mimeType: 'video/VP8',
        payloadType: VP8_PAYLOAD_TYPE,
        clockRate: 90000,
        parameters: {},
        rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
      },
    ],
    headerExtensions: [],
    encodings: [{ ssrc }],
    rtcp: { cname: 'bench-video', reducedSize: true },
  };
}

const VP8_DESCRIPTOR_BYTES = 6;
const INDEX_BYTES = 4;

/**
 * Synthetic VP8 over RTP from a Node UDP socket: 30 frames/s of equal-size packets
 * (one timestamp per frame, marker on its last packet), a keyframe every 2 s and
 * whenever the SFU asks (PLI/FIR). Every packet has a valid RTP header and a VP8
 * payload descriptor as Chrome writes it (extended: 15-bit PictureID, TL0PICIDX,
 * TID 0), so mediasoup parses it, detects keyframes and rewrites it like real video.
 * The last 4 bytes carry a running packet index, which the sinks use to count exactly
 * the packets sent inside a measurement window.
 */
export class SyntheticVp8Sender {
  readonly ssrc: number;
  readonly #socket: dgram.Socket;
  #remote: { ip: string; port: number } | undefined;
  #timer: NodeJS.Timeout | undefined;
  #index = 0;
  #seq = Math.floor(Math.random() * 65536);
  #timestamp = Math.floor(Math.random() * 2 ** 31);
  #pictureId = 0;
  #tl0 = 0;
  #keyFrameWanted = true;
  #keyFrame = false;
  #frames = 0;
  #inFrame = 0;
  /** Key frame requests (PLI/FIR) received from the SFU. */
  keyFrameRequests = 0;
  sendErrors = 0;

  private constructor(socket: dgram.Socket, ssrc: number) {
    this.#socket = socket;
    this.ssrc = ssrc;
    socket.on('message', (packet) => this.#onRtcp(packet));
  }

  static async open(ssrc: number): Promise<SyntheticVp8Sender> {
    const socket = dgram.createSocket({ type: 'udp4', sendBufferSize: 4 * 1024 * 1024 });
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new SyntheticVp8Sender(socket, ssrc);
  }

  get port(): number {
    return (this.#socket.address() as AddressInfo).port;
  }

  /** Index the next packet will carry (packets sent so far). */
  get nextIndex(): number {
    return this.#index;
  }

  sendTo(ip: string, port: number): void {
    this.#remote = { ip, port };
  }

  requestKeyFrame(): void {
    this.#keyFrameWanted = true;
  }

  /**
   * Sends `packetsPerSecond` packets of `packetBytes` until stop(). Packets are paced
   * evenly (as a browser's pacer does) rather than sent as one burst per frame; a late
   * timer is caught up at once.
   */
  start(options: { packetsPerSecond: number; packetBytes: number; framesPerSecond?: number }): void {
    this.stop();
    const fps = options.framesPerSecond ?? 30;
    const perFrame = Math.max(1, Math.round(options.packetsPerSecond / fps));
    const t0 = performance.now();
    let sent = 0;
    const tick = () => {
      const due = Math.floor(((performance.now() - t0) * options.packetsPerSecond) / 1000) + 1;
      for (; sent < due; sent++) this.#sendPacket(perFrame, fps, options.packetBytes);
      this.#timer = setTimeout(tick, 2);
    };
    tick();
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  close(): void {
    this.stop();
    this.#socket.close();
  }

  #sendPacket(perFrame: number, fps: number, packetBytes: number): void {
    if (!this.#remote) return;
    const first = this.#inFrame === 0;
    if (first) {
      if (this.#frames++ % (2 * fps) === 0) this.#keyFrameWanted = true;
      this.#keyFrame = this.#keyFrameWanted;
      this.#keyFrameWanted = false;
      this.#pictureId = (this.#pictureId + 1) & 0x7fff;
      this.#tl0 = (this.#tl0 + 1) & 0xff;
      this.#timestamp = (this.#timestamp + Math.round(90000 / fps)) >>> 0;
    }
    const last = this.#inFrame === perFrame - 1;
    this.#inFrame = last ? 0 : this.#inFrame + 1;
    const p = Buffer.alloc(packetBytes, 0xab);
    p[0] = 0x80; // V=2, no padding, no extension, no CSRC
    p[1] = (last ? 0x80 : 0) | VP8_PAYLOAD_TYPE;
    p.writeUInt16BE(this.#seq, 2);
    this.#seq = (this.#seq + 1) & 0xffff;
    p.writeUInt32BE(this.#timestamp, 4);
    p.writeUInt32BE(this.ssrc, 8);
    // VP8 payload descriptor (RFC 7741): X=1, S on the frame's first packet, PID=0; I, L, T;
    // M=1 + 15-bit PictureID; TL0PICIDX; TID=0, Y=1.
    p[12] = 0x80 | (first ? 0x10 : 0);
    p[13] = 0xe0;
    p.writeUInt16BE(0x8000 | this.#pictureId, 14);
    p[16] = this.#tl0;
    p[17] = 0x20;
    if (first) {
      const h = 12 + VP8_DESCRIPTOR_BYTES;
      // VP8 payload header: show_frame=1, P (inverse key frame) = 0 for a key frame.
      p[h] = this.#keyFrame ? 0x10 : 0x11;
      if (this.#keyFrame) {
        p[h + 3] = 0x9d; // key frame start code 9d 01 2a, then 640x360
        p[h + 4] = 0x01;
        p[h + 5] = 0x2a;
        p.writeUInt16LE(640, h + 6);
        p.writeUInt16LE(360, h + 8);
      }
    }
    p.writeUInt32BE(this.#index++ >>> 0, packetBytes - INDEX_BYTES);
    this.#socket.send(p, this.#remote.port, this.#remote.ip, (error) => {
      if (error) this.sendErrors++;
    });
  }

  /** RTCP from the SFU: a PLI (PSFB FMT 1) or FIR (PSFB FMT 4) asks for a key frame. */
  #onRtcp(packet: Buffer): void {
    let offset = 0;
    while (offset + 4 <= packet.length) {
      const fmt = (packet[offset] ?? 0) & 0x1f;
      const type = packet[offset + 1];
      if (type === 206 && (fmt === 1 || fmt === 4)) {
        this.keyFrameRequests++;
        this.#keyFrameWanted = true;
      }
      offset += (packet.readUInt16BE(offset + 2) + 1) * 4;
    }
  }
}

/**
 * A UDP socket a consumer sends to. Counts the RTP packets of one SSRC whose index
 * (last 4 bytes) falls in the measurement window; RTCP (sender reports) is ignored.
 */
export class CountingSink {
  readonly #socket: dgram.Socket;
  #ssrc = -1;
  #from = Number.POSITIVE_INFINITY;
  #to = Number.POSITIVE_INFINITY;
  /** Packets of the window received. */
  counted = 0;
  /** All RTP packets of the SSRC received, in or out of a window. */
  received = 0;

  private constructor(socket: dgram.Socket) {
    this.#socket = socket;
    socket.on('message', (packet) => this.#onPacket(packet));
  }

  static async open(): Promise<CountingSink> {
    const socket = dgram.createSocket({ type: 'udp4', recvBufferSize: 4 * 1024 * 1024 });
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new CountingSink(socket);
  }

  get port(): number {
    return (this.#socket.address() as AddressInfo).port;
  }

  expect(ssrc: number): void {
    this.#ssrc = ssrc;
  }

  /** Starts counting packets with index >= from (and < a later `closeWindow`). */
  openWindow(from: number): void {
    this.counted = 0;
    this.#from = from;
    this.#to = Number.POSITIVE_INFINITY;
  }

  closeWindow(to: number): void {
    this.#to = to;
  }

  close(): void {
    this.#socket.close();
  }

  #onPacket(packet: Buffer): void {
    if (packet.length < 16 || (packet[0] ?? 0) >> 6 !== 2) return;
    const second = packet[1] ?? 0;
    if (second >= 192 && second <= 223) return; // RTCP (SR 200, RR 201, SDES 202, …)
    if (packet.readUInt32BE(8) !== this.#ssrc) return;
    this.received++;
    const index = packet.readUInt32BE(packet.length - INDEX_BYTES);
    if (index >= this.#from && index < this.#to) this.counted++;
  }
}
