import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelLanguages, compose, filterGraph, type ComposeTrack } from './compose.js';

const run = promisify(execFile);

/** Real media files made by ffmpeg itself: a test picture and tones, as the track recorder's containers hold them. */
async function makeTracks(dir: string): Promise<ComposeTrack[]> {
  const tone = (name: string, hz: number) =>
    run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `sine=frequency=${hz}:duration=3`, '-c:a', 'libopus', '-y', path.join(dir, name)]);
  await Promise.all([
    run('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=15:duration=3',
      '-c:v',
      'libvpx',
      '-y',
      path.join(dir, 'video-a.webm'),
    ]),
    tone('audio-floor.webm', 440),
    tone('audio-es-1.webm', 660),
    tone('audio-es-2.webm', 700),
    tone('audio-zh.webm', 880),
  ]);
  return [
    { fileName: 'video-a.webm', media: 'video', participant: 'ana', offsetMs: 0 },
    { fileName: 'audio-floor.webm', media: 'audio', participant: 'ana', offsetMs: 0 },
    { fileName: 'audio-es-1.webm', media: 'audio', participant: 'bea', offsetMs: 0, language: 'es' },
    { fileName: 'audio-es-2.webm', media: 'audio', participant: 'cai', offsetMs: 500, language: 'es' },
    { fileName: 'audio-zh.webm', media: 'audio', participant: 'dan', offsetMs: 0, language: 'zh-CN' },
  ];
}

describe('composing a recording with interpretation channels (real ffmpeg)', () => {
  let dir: string;
  let tracks: ComposeTrack[];
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ca-compose-'));
    tracks = await makeTracks(dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps the channels out of the floor mix: one mix per language, in a stable order', () => {
    expect(channelLanguages(tracks)).toEqual(['es', 'zh-CN']);
    const graph = filterGraph(tracks, 3000, { width: 320, height: 240 });
    expect(graph).toContain('[a1]amix=inputs=1:duration=longest:normalize=0,apad[aout]');
    expect(graph).toContain('[a2][a3]amix=inputs=2:duration=longest:normalize=0,apad[al0]');
    expect(graph).toContain('[a4]amix=inputs=1:duration=longest:normalize=0,apad[al1]');
  });

  it('writes the floor first, then one audio track per language, named after it', async () => {
    const bytes = await compose({ dir, tracks, durationMs: 3000, output: 'out.mp4', tile: { width: 320, height: 240 } });
    expect(bytes).toBeGreaterThan(10_000);
    const { stdout } = await run('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_type:stream_tags=handler_name',
      '-of',
      'json',
      path.join(dir, 'out.mp4'),
    ]);
    const streams = (JSON.parse(stdout) as { streams: { codec_type: string; tags?: { handler_name?: string } }[] }).streams;
    expect(streams.map((s) => s.codec_type)).toEqual(['video', 'audio', 'audio', 'audio']);
    expect(streams.filter((s) => s.codec_type === 'audio').map((s) => s.tags?.handler_name)).toEqual(['floor', 'es', 'zh-CN']);
  });

  it('without interpreters, the video has the floor alone', async () => {
    const floorOnly = tracks.filter((t) => !t.language);
    await compose({ dir, tracks: floorOnly, durationMs: 3000, output: 'floor.mp4', tile: { width: 320, height: 240 } });
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type', '-of', 'csv=p=0', path.join(dir, 'floor.mp4')]);
    expect(stdout.trim().split('\n')).toEqual(['video', 'audio']);
  });
});
