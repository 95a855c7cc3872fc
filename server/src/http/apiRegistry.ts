import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { errorBodySchema } from '@ca/signaling';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What one route takes and answers, as the same zod schemas that check it; the API document is made from these. */
export type RouteContract = {
  summary: string;
  /** The JSON body it reads (validated with this schema). */
  body?: z.ZodType;
  /** Its query parameters (validated with this schema, so the document types them as the server does). */
  query?: z.ZodObject;
  /** The JSON it answers with on success. */
  response?: z.ZodType;
  /** The success status; default 200. */
  status?: number;
  /** A success answer that is not JSON (e.g. `text/calendar`); its media type. */
  produces?: string;
  /** Another media type the same success may come as besides the JSON `response` (e.g. `text/csv` on `?format=csv`). */
  alsoProduces?: string;
};

type Route = { method: Method; path: string; contract: RouteContract };
type Handlers = Array<RequestHandler | RequestHandler[]>;
type Add = (path: string, contract: RouteContract, ...handlers: Handlers) => void;

/**
 * An Express router that cannot take a route without its contract: `api.get(path, contract,
 * ...handlers)` mounts the handlers and records the contract. A module of routes returns it;
 * `ApiRegistry.mount` puts it under the app's prefix and adds its contracts to the document.
 */
export class DocumentedRouter {
  readonly router = Router();
  readonly routes: Route[] = [];
  readonly get: Add = (path, contract, ...handlers) => this.#add('get', path, contract, handlers);
  readonly post: Add = (path, contract, ...handlers) => this.#add('post', path, contract, handlers);
  readonly put: Add = (path, contract, ...handlers) => this.#add('put', path, contract, handlers);
  readonly patch: Add = (path, contract, ...handlers) => this.#add('patch', path, contract, handlers);
  readonly delete: Add = (path, contract, ...handlers) => this.#add('delete', path, contract, handlers);

  #add(method: Method, path: string, contract: RouteContract, handlers: Handlers): void {
    this.routes.push({ method, path, contract });
    this.router[method](path, ...handlers.flat());
  }
}

/** `/booths/:boothId` → `/booths/{boothId}` and its path parameters. */
function openApiPath(path: string): { path: string; params: string[] } {
  const params: string[] = [];
  const converted = path.replace(/:(\w+)/g, (_, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path: converted, params };
}

function operation(route: Route, params: string[]): ZodOpenApiOperationObject {
  const { contract } = route;
  const success = contract.produces
    ? { description: 'success', content: { [contract.produces]: { schema: z.string() } } }
    : {
        description: 'success',
        ...(contract.response && {
          content: {
            'application/json': { schema: contract.response },
            ...(contract.alsoProduces && { [contract.alsoProduces]: { schema: z.string() } }),
          },
        }),
      };
  return {
    summary: contract.summary,
    requestParams: {
      ...(params.length > 0 && { path: z.object(Object.fromEntries(params.map((name) => [name, z.string()]))) }),
      ...(contract.query && { query: contract.query }),
    },
    ...(contract.body && { requestBody: { required: true, content: { 'application/json': { schema: contract.body } } } }),
    responses: {
      [String(contract.status ?? 200)]: success,
      default: { description: 'error', content: { 'application/json': { schema: z.object({ error: errorBodySchema }) } } },
    },
  };
}

/**
 * Every documented route of the app, and the OpenAPI 3.1 document made from their zod
 * schemas (zod-openapi). A route is documented by being mounted through `mount`; a test
 * compares this list with the routes Express actually serves.
 */
export class ApiRegistry {
  readonly #routes: Route[] = [];

  /** Mounts a module's routes on `parent` (which serves under `prefix`, e.g. `/api`) and records them. */
  mount(parent: Router, prefix: string, routes: DocumentedRouter): void {
    for (const route of routes.routes) {
      const path = `${prefix}${route.path}`;
      if (this.#routes.some((r) => r.method === route.method && r.path === path)) throw new Error(`${route.method} ${path} is mounted twice`);
      this.#routes.push({ ...route, path });
    }
    parent.use(routes.router);
  }

  /** Method and Express path of every documented route. */
  routes(): Array<{ method: Method; path: string }> {
    return this.#routes.map(({ method, path }) => ({ method, path }));
  }

  document(): ReturnType<typeof createDocument> {
    const paths: ZodOpenApiPathsObject = {};
    for (const route of this.#routes) {
      const { path, params } = openApiPath(route.path);
      paths[path] = { ...paths[path], [route.method]: operation(route, params) };
    }
    return createDocument({ openapi: '3.1.0', info: { title: 'Cloud Appointment API', version: '0.2.0' }, paths });
  }
}

type Layer = { route?: { path: string | string[]; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };

/**
 * The routes an Express router really serves (walking its stack and the routers mounted in
 * it without a path, as our route modules are), as `method path` under `prefix`.
 */
export function servedRoutes(router: Router, prefix: string): Array<{ method: string; path: string }> {
  const found: Array<{ method: string; path: string }> = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of [layer.route.path].flat()) {
          for (const [method, on] of Object.entries(layer.route.methods))
            if (on && method !== '_all') found.push({ method, path: `${prefix}${path}` });
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((router as unknown as { stack: Layer[] }).stack);
  return found;
}
