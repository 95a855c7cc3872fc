import fs from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'express';
import { Router } from 'express';
import expressStaticGzip from 'express-static-gzip';

/** Precompressed siblings the client build writes next to each text file (vite.config.ts), best first. */
const ENCODINGS = [
  { name: 'br', extension: '.br' },
  { name: 'gzip', extension: '.gz' },
] as const;

/** HTML names the hashed scripts of the current build: the browser asks again every time. */
const HTML_CACHE = 'no-cache';
/** Hashed file names never change content: cached for a year, never revalidated. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';
/** Unhashed files beside index.html (the favicon): an hour, then revalidated. */
const ROOT_CACHE = 'public, max-age=3600';

/**
 * Serves the built client (every script, font and icon comes from here, no CDN) and
 * answers any other GET that is not an API path with index.html, so deep links like
 * /meet/<roomId> load the app. Text files go out as the Brotli or gzip file the build
 * compressed ahead of time when the browser accepts it (no compression per request),
 * with `Vary: Accept-Encoding`; hashed assets are cached for good, HTML never.
 */
export function staticClient(clientDist: string): Router {
  const router = Router();
  const indexHtml = path.join(clientDist, 'index.html');
  const precompressed = { enableBrotli: true, orderPreference: ['br', 'gzip'], index: false };
  router.use(
    '/assets',
    expressStaticGzip(path.join(clientDist, 'assets'), {
      ...precompressed,
      serveStatic: { index: false, fallthrough: true, setHeaders: (res) => res.setHeader('Cache-Control', ASSET_CACHE) },
    }),
  );
  router.use(
    expressStaticGzip(clientDist, {
      ...precompressed,
      serveStatic: {
        index: false,
        // `file` is the file sent, so index.html.br when the Brotli sibling went out.
        setHeaders: (res, file) => res.setHeader('Cache-Control', /\.html(\.br|\.gz)?$/.test(file) ? HTML_CACHE : ROOT_CACHE),
      },
    }),
  );
  router.get(/^(?!\/api\/|\/socket\.io\/|\/assets\/).*/, (req, res) => {
    if (!fs.existsSync(indexHtml)) {
      res.status(503).type('text/plain').send('The client is not built yet: run `npm start`, which builds it.');
      return;
    }
    sendIndex(req, res, indexHtml);
  });
  return router;
}

/** index.html for a deep link, precompressed when the browser accepts it and the build wrote it. */
function sendIndex(req: Request, res: Response, indexHtml: string): void {
  res.setHeader('Cache-Control', HTML_CACHE);
  res.vary('Accept-Encoding');
  const accepted = req.acceptsEncodings(...ENCODINGS.map((e) => e.name), 'identity');
  const encoding = ENCODINGS.find((e) => e.name === accepted && fs.existsSync(indexHtml + e.extension));
  if (!encoding) {
    res.sendFile(indexHtml);
    return;
  }
  res.setHeader('Content-Encoding', encoding.name);
  res.type('html').sendFile(indexHtml + encoding.extension);
}
