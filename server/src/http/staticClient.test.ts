import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../platform.js';
import { rawGet } from '../test-support/api.js';
import { startTestPlatform } from '../test-support/platform.js';

/** A built client as `vite build` writes it: hashed assets with .br and .gz siblings, index.html likewise. */
function writeClientDist(dir: string): { script: string; html: string } {
  const script = `console.log(${JSON.stringify('x'.repeat(4000))});\n`;
  const html = `<!doctype html><html><head><script type="module" src="/assets/index-AbC123xy.js"></script></head><body><div id="root"></div></body></html>\n`;
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  const withSiblings = (file: string, text: string) => {
    fs.writeFileSync(file, text);
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(text));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text));
  };
  withSiblings(path.join(dir, 'assets', 'index-AbC123xy.js'), script);
  withSiblings(path.join(dir, 'index.html'), html);
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return { script, html };
}

describe('static client and compressed responses', () => {
  let platform: Platform;
  let dist: string;
  let files: { script: string; html: string };
  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-dist-'));
    files = writeClientDist(dist);
    platform = await startTestPlatform({ CLIENT_DIST: dist });
  });
  afterAll(async () => {
    await platform.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('sends a hashed script as the Brotli file the build wrote, cached for a year as immutable', async () => {
    const res = await rawGet(`${platform.url}/assets/index-AbC123xy.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(files.script);
  });

  it('falls back to gzip, then to the plain file, by what the browser accepts', async () => {
    const gz = await rawGet(`${platform.url}/assets/index-AbC123xy.js`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(files.script);
    const plain = await rawGet(`${platform.url}/assets/index-AbC123xy.js`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(files.script);
  });

  it('never lets a cache keep the HTML, whether asked for by a deep link or by name', async () => {
    for (const url of ['/meet/some-room', '/', '/index.html']) {
      const res = await rawGet(`${platform.url}${url}`, { 'accept-encoding': 'br' });
      expect(res.status, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(zlib.brotliDecompressSync(res.body).toString(), url).toBe(files.html);
    }
  });

  it('answers a missing asset with 404, not with index.html', async () => {
    const res = await rawGet(`${platform.url}/assets/index-gone1234.js`);
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('<div id="root">');
  });

  it('caches unhashed root files for an hour only', async () => {
    const res = await rawGet(`${platform.url}/favicon.svg`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('compresses large API JSON and leaves small answers as they are', async () => {
    const events = (await (await fetch(`${platform.url}/api/events`)).json()) as { events: { id: string }[] };
    const eventId = events.events[0]?.id ?? '';
    const large = await rawGet(`${platform.url}/api/events/${eventId}/booths`, { 'accept-encoding': 'gzip, br' });
    expect(large.status).toBe(200);
    expect(large.headers['content-encoding']).toBe('br');
    expect(large.headers.vary).toMatch(/Accept-Encoding/i);
    const decoded = JSON.parse(zlib.brotliDecompressSync(large.body).toString()) as { booths: unknown[] };
    expect(decoded.booths.length).toBeGreaterThan(0);
    const small = await rawGet(`${platform.url}/api/health`, { 'accept-encoding': 'gzip, br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toMatchObject({ status: 'ok' });
  });
});
