import { stat } from 'node:fs/promises';
import path from 'node:path';
import { exited, startFfmpeg } from './ffmpeg.js';

/** One recorded track, as composition needs it. */
export type ComposeTrack = {
  fileName: string;
  media: 'audio' | 'video';
  participant: string;
  offsetMs: number;
  /** An interpretation channel's language: its own audio track in the video, not mixed into the floor. */
  language?: string | undefined;
};

/** The interpretation channels of a recording, in the order their audio tracks follow the floor's. */
export function channelLanguages(tracks: readonly ComposeTrack[]): string[] {
  return [...new Set(tracks.flatMap((t) => (t.media === 'audio' && t.language ? [t.language] : [])))].sort();
}

export type ComposeOptions = {
  /** Folder of the recording (tracks in, the composed file out). */
  dir: string;
  tracks: ComposeTrack[];
  /** Length of the recording, ms: the composed video is this long. */
  durationMs: number;
  /** Output file name inside `dir`. */
  output: string;
  /** Called with 0..1 while ffmpeg works. */
  onProgress?: (fraction: number) => void;
  /** Aborts the composition (server shutdown): ffmpeg is killed, the promise rejects. */
  signal?: AbortSignal;
  /** Size of one participant's tile. Default 640 × 360. */
  tile?: { width: number; height: number };
};

/** The tracks that hold media (ffmpeg wrote a file with something in it). */
async function usable(dir: string, tracks: ComposeTrack[]): Promise<ComposeTrack[]> {
  const sizes = await Promise.all(
    tracks.map((t) =>
      stat(path.join(dir, t.fileName)).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  return tracks.filter((_, i) => (sizes[i] ?? 0) > 1024);
}

/**
 * The ffmpeg filter graph: each participant with video gets a tile, side by side, on a black canvas
 * as long as the recording; each video track is placed at its offset in its participant's tile (a
 * reconnect's new track in the same tile, a gap between). Audio tracks are delayed to their offsets
 * and mixed: the floor into `[aout]`, each interpretation channel apart into `[al<i>]` (in
 * `channelLanguages` order). Exported for the tests.
 */
export function filterGraph(tracks: ComposeTrack[], durationMs: number, tile: { width: number; height: number }): string {
  const slots = [...new Set(tracks.filter((t) => t.media === 'video').map((t) => t.participant))];
  const seconds = (durationMs / 1000).toFixed(3);
  const width = tile.width * Math.max(1, slots.length);
  const parts = [`color=c=black:s=${width}x${tile.height}:r=15:d=${seconds}[base0]`];
  let base = 0;
  const audio: string[] = [];
  const languages = channelLanguages(tracks);
  const channels: string[][] = languages.map(() => []);
  tracks.forEach((track, input) => {
    const offset = (track.offsetMs / 1000).toFixed(3);
    if (track.media === 'video') {
      const x = slots.indexOf(track.participant) * tile.width;
      parts.push(
        `[${input}:v]setpts=PTS-STARTPTS+${offset}/TB,scale=${tile.width}:${tile.height}:force_original_aspect_ratio=decrease,` +
          `pad=${tile.width}:${tile.height}:(ow-iw)/2:(oh-ih)/2[v${input}]`,
        `[base${base}][v${input}]overlay=x=${x}:y=0:eof_action=pass[base${base + 1}]`,
      );
      base++;
    } else {
      parts.push(`[${input}:a]asetpts=PTS-STARTPTS,aresample=48000,adelay=${track.offsetMs}:all=1[a${input}]`);
      if (track.language) channels[languages.indexOf(track.language)]!.push(`[a${input}]`);
      else audio.push(`[a${input}]`);
    }
  });
  parts.push(`[base${base}]format=yuv420p[vout]`);
  if (audio.length > 0) parts.push(`${audio.join('')}amix=inputs=${audio.length}:duration=longest:normalize=0,apad[aout]`);
  else parts.push(`anullsrc=r=48000:cl=stereo[aout]`);
  // Each interpretation channel (interpreters handing over on one language are mixed together).
  channels.forEach((inputs, i) => parts.push(`${inputs.join('')}amix=inputs=${inputs.length}:duration=longest:normalize=0,apad[al${i}]`));
  return parts.join(';');
}

/**
 * Makes the one video of a recording (H.264 + AAC in MP4, plays in every browser): the speakers side
 * by side, the floor's mixed audio first, then one audio track per interpretation channel (named after its language). Resolves with the file's size; rejects with ffmpeg's message when it fails.
 */
export async function compose(options: ComposeOptions): Promise<number> {
  const tile = options.tile ?? { width: 640, height: 360 };
  const tracks = await usable(options.dir, options.tracks);
  const inputs = tracks.flatMap((t) => ['-i', path.join(options.dir, t.fileName)]);
  const out = path.join(options.dir, options.output);
  const { child, stderr } = startFfmpeg(
    [
      ...inputs,
      '-filter_complex',
      filterGraph(tracks, options.durationMs, tile),
      '-map',
      '[vout]',
      '-map',
      '[aout]',
      // MP4 names a track by its handler: players list "floor", "es", "zh-CN".
      '-metadata:s:a:0',
      'handler_name=floor',
      ...channelLanguages(tracks).flatMap((language, i) => ['-map', `[al${i}]`, `-metadata:s:a:${i + 1}`, `handler_name=${language}`]),
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '30',
      '-c:a',
      'aac',
      '-b:a',
      '96k',
      '-t',
      (options.durationMs / 1000).toFixed(3),
      '-movflags',
      '+faststart',
      '-progress',
      'pipe:1',
      '-nostats',
      '-y',
      out,
    ],
    options.signal,
  );
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const match = /^out_time_us=(\d+)/.exec(line);
      if (match) options.onProgress?.(Math.min(1, Number(match[1]) / 1000 / Math.max(1, options.durationMs)));
    }
  });
  const code = await exited(child);
  if (code !== 0) throw new Error(`ffmpeg could not compose the recording (exit ${String(code)}): ${stderr()}`);
  return (await stat(out)).size;
}
