import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/**
 * Serves the built client (every script, font and icon comes from here, no CDN) and
 * answers any other GET that is not an API path with index.html, so deep links like
 * /meet/<roomId> load the app.
 */
export function staticClient(clientDist: string): Router {
  const router = Router();
  const indexHtml = path.join(clientDist, 'index.html');
  router.use(
    '/assets',
    express.static(path.join(clientDist, 'assets'), { immutable: true, maxAge: '365d', index: false }),
  );
  router.use(express.static(clientDist, { index: false, maxAge: '1h' }));
  router.get(/^(?!\/api\/|\/socket\.io\/).*/, (_req, res) => {
    if (!fs.existsSync(indexHtml)) {
      res.status(503).type('text/plain').send('The client is not built yet: run `npm start`, which builds it.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });
  return router;
}
