import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import type { types } from 'mediasoup';

/** The ffmpeg binary (Debian's, installed by infra/recording/ensure.sh). */
export const FFMPEG = process.env.FFMPEG_BIN ?? 'ffmpeg';

/** Starts ffmpeg with `args`; stderr is kept (last 4 kB) for the error message. */
export function startFfmpeg(args: string[], signal?: AbortSignal): { child: ChildProcess; stderr: () => string } {
  const child = spawn(FFMPEG, ['-hide_banner', '-nostdin', '-loglevel', 'warning', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(signal && { signal, killSignal: 'SIGKILL' as const }),
  });
  child.on('error', () => undefined);
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4096)));
  return { child, stderr: () => tail };
}

/** Resolves with the exit code once the process ended (at once when it already has). */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * Asks ffmpeg to finish (SIGINT: it writes the file's end) and waits; after `graceMs` it is killed.
 * ffmpeg notices the signal between packets: a track that still receives ends at once, one whose
 * sender went quiet (producer closed) ends when ffmpeg's RTP input gives up after 10 s of silence
 * (it then finishes the file the same way). A second SIGINT would abort the file's end, so none is sent.
 */
export async function finish(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGINT');
  const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited(child);
  clearTimeout(kill);
}

async function bindable(port: number): Promise<boolean> {
  const socket = dgram.createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, '127.0.0.1', () => resolve());
    });
    return true;
  } catch {
    return false;
  } finally {
    try {
      socket.close();
    } catch {
      // never bound
    }
  }
}

/** An even UDP port on 127.0.0.1 whose next port is free too (RTP and RTCP for ffmpeg). */
export async function freePortPair(range = { min: 20_000, max: 29_998 }): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = range.min + 2 * Math.floor((Math.random() * (range.max - range.min)) / 2);
    if ((await bindable(port)) && (await bindable(port + 1))) return port;
  }
  throw new Error('no free UDP port pair for the recorder');
}

/** The SDP ffmpeg reads to receive one consumer's RTP on `port` (RTCP on port + 1). */
export function sdpFor(rtpParameters: types.RtpParameters, kind: types.MediaKind, port: number): string {
  const codec = rtpParameters.codecs[0];
  if (!codec) throw new Error('consumer without a codec');
  const name = codec.mimeType.split('/')[1] ?? '';
  const channels = kind === 'audio' && codec.channels ? `/${codec.channels}` : '';
  const fmtp = Object.entries(codec.parameters ?? {})
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(';');
  return [
    'v=0',
    'o=- 0 0 IN IP4 127.0.0.1',
    's=cloud-appointment recording',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=${kind} ${port} RTP/AVP ${codec.payloadType}`,
    `a=rtpmap:${codec.payloadType} ${name}/${codec.clockRate}${channels}`,
    ...(fmtp ? [`a=fmtp:${codec.payloadType} ${fmtp}`] : []),
    'a=recvonly',
    '',
  ].join('\n');
}

/** The container a codec is copied into without transcoding. */
export function containerFor(mimeType: string): 'webm' | 'mkv' {
  return /^(video\/(VP8|VP9)|audio\/opus)$/i.test(mimeType) ? 'webm' : 'mkv';
}
