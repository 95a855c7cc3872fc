import type { ApiRegistry } from './apiRegistry.js';
import { DocumentedRouter } from './apiRegistry.js';

/**
 * `GET /api/openapi.json`: the OpenAPI 3.1 document of every route mounted through the
 * registry, made from the routes' own zod schemas (built on first request, once every
 * module is mounted).
 */
export function openApiRoutes(registry: ApiRegistry): DocumentedRouter {
  const api = new DocumentedRouter();
  let document: unknown;
  api.get('/openapi.json', { summary: 'This document' }, (_req, res) => {
    document ??= registry.document();
    res.json(document);
  });
  return api;
}
