import zlib from 'node:zlib';
import type { Request, Response } from 'express';
import type { CachedSlots, SlotCache } from '../services/slotCache.js';

/** Bodies smaller than this go out as they are (as the API's compression middleware does). */
const COMPRESS_FROM_BYTES = 1024;

/** Content codings we make ourselves, best first, with the level worth paying once per cached answer. */
const CODINGS: Record<'br' | 'gzip', (json: string) => Buffer> = {
  br: (json) => zlib.brotliCompressSync(json, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }),
  gzip: (json) => zlib.gzipSync(json, { level: 6 }),
};

/**
 * Sends a cached JSON answer: `304 Not Modified` when the browser's `If-None-Match` names
 * its ETag, else the body, compressed once per cached answer (the compression middleware
 * sees `Content-Encoding` set and leaves it). The browser keeps it but asks again each time
 * (`private, no-cache`): slots change whenever someone books.
 */
export function sendCachedAnswer(req: Request, res: Response, answer: CachedSlots, cache: SlotCache): void {
  res.setHeader('ETag', answer.etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  res.vary('Accept-Encoding');
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.type('json');
  const coding = answer.json.length < COMPRESS_FROM_BYTES ? undefined : preferredCoding(req);
  if (!coding) {
    res.send(answer.json);
    return;
  }
  res.setHeader('Content-Encoding', coding);
  res.send(cache.encoded(answer, coding, CODINGS[coding]));
}

/** Brotli when the browser takes it (smaller), else gzip, else none: our preference, not the header's order. */
function preferredCoding(req: Request): keyof typeof CODINGS | undefined {
  if (req.acceptsEncodings('br') === 'br') return 'br';
  if (req.acceptsEncodings('gzip') === 'gzip') return 'gzip';
  return undefined;
}
