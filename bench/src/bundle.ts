import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { repoRoot } from './lib/machine.js';
import type { PageLoadResult } from './pageLoad.js';

export type BundleFile = { file: string; kind: 'entry' | 'modulepreload' | 'stylesheet'; rawBytes: number; gzipBytes: number; brotliBytes: number };

/** Target for each route's initial JavaScript, compressed as the server sends it (Brotli). */
export const ROUTE_JS_TARGET_BYTES = 150_000;

/** What a first visit of one page loads: the shell plus its route chunk and everything that chunk imports statically. */
export type RouteBundle = {
  route: string;
  /** The lazy chunk of the route (Vite names it after the module: ExpoPage-<hash>.js). */
  chunk: string;
  files: string[];
  js: { rawBytes: number; gzipBytes: number; brotliBytes: number };
};

export type BundleResult = {
  dist: string;
  builtNow: boolean;
  files: BundleFile[];
  /** The JS a first visit must load before the app runs: the entry script and its modulepreloads. */
  initialJs: { rawBytes: number; gzipBytes: number; brotliBytes: number };
  initialCss: { rawBytes: number; gzipBytes: number; brotliBytes: number };
  /** Per page: the shell and the route's chunk with its static imports (what loads before it renders). */
  routes: RouteBundle[];
  /** Cold loads in Chromium (added by main.ts after the file figures). */
  pageLoad?: PageLoadResult;
};

/** Pages with a JS budget: the route path and the name of its lazily imported module. */
const ROUTES = [
  { route: '/expo (expo hall)', module: 'ExpoPage' },
  { route: '/meet/:roomId (meeting page)', module: 'MeetingPage' },
] as const;

const compressed = (content: Buffer) => ({
  rawBytes: content.length,
  gzipBytes: gzipSync(content, { level: 6 }).length,
  brotliBytes: brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

/** A chunk and every chunk it imports statically (`import … from "./x.js"`, `import "./x.js"`), transitively. */
function staticClosure(assets: string, first: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(path.join(assets, file), 'utf8');
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([\w.-]+\.js)["']/g)) if (m[1]) visit(m[1]);
  };
  visit(first);
  return [...seen];
}

/** The JS each budgeted page loads before it renders: the entry's closure plus the route chunk's. */
function routeBundles(dist: string, entry: string): RouteBundle[] {
  const assets = path.join(dist, 'assets');
  const names = readdirSync(assets);
  const shell = staticClosure(assets, path.basename(entry));
  return ROUTES.map(({ route, module }) => {
    const chunk = names.find((n) => n.startsWith(`${module}-`) && n.endsWith('.js'));
    if (!chunk) throw new Error(`no ${module}-*.js chunk in ${assets}`);
    const files = [...new Set([...shell, ...staticClosure(assets, chunk)])];
    const sizes = files.map((f) => compressed(readFileSync(path.join(assets, f))));
    return {
      route,
      chunk,
      files,
      js: {
        rawBytes: sizes.reduce((n, x) => n + x.rawBytes, 0),
        gzipBytes: sizes.reduce((n, x) => n + x.gzipBytes, 0),
        brotliBytes: sizes.reduce((n, x) => n + x.brotliBytes, 0),
      },
    };
  });
}

type Tag = { name: string; attrs: Record<string, string> };

/** The <script> and <link> tags of an HTML document with their attributes (enough for Vite's index.html). */
function tags(html: string): Tag[] {
  const found: Tag[] = [];
  for (const m of html.matchAll(/<(script|link)\b([^>]*)>/gi)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[2] ?? '').matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
      if (a[1]) attrs[a[1].toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
    }
    found.push({ name: (m[1] ?? '').toLowerCase(), attrs });
  }
  return found;
}

const sum = (files: BundleFile[]) => ({
  rawBytes: files.reduce((n, f) => n + f.rawBytes, 0),
  gzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0),
  brotliBytes: files.reduce((n, f) => n + f.brotliBytes, 0),
});

/**
 * Size of what a first visit downloads: client/dist/index.html's entry module script
 * and its modulepreload links (and, apart, its stylesheets), compressed one file at a
 * time as a server would send them: gzip level 6 (zlib's default, what compression
 * middleware and nginx use) and Brotli quality 11 (what a build step pre-compresses).
 * Builds the client first if client/dist is missing.
 */
export function measureBundle(log: (line: string) => void): BundleResult {
  const dist = path.join(repoRoot, 'client', 'dist');
  const index = path.join(dist, 'index.html');
  let builtNow = false;
  if (!existsSync(index)) {
    log('bundle: client/dist is missing; running npm run build -w client');
    const build = spawnSync('npm', ['run', 'build', '-w', 'client'], { cwd: repoRoot, stdio: 'inherit', timeout: 300_000 });
    if (build.status !== 0 || !existsSync(index)) throw new Error('npm run build -w client failed');
    builtNow = true;
  }
  const files: BundleFile[] = [];
  for (const tag of tags(readFileSync(index, 'utf8'))) {
    let kind: BundleFile['kind'] | undefined;
    let ref: string | undefined;
    if (tag.name === 'script' && tag.attrs.type === 'module' && tag.attrs.src) [kind, ref] = ['entry', tag.attrs.src];
    else if (tag.name === 'link' && tag.attrs.rel === 'modulepreload' && tag.attrs.href) [kind, ref] = ['modulepreload', tag.attrs.href];
    else if (tag.name === 'link' && tag.attrs.rel === 'stylesheet' && tag.attrs.href) [kind, ref] = ['stylesheet', tag.attrs.href];
    if (!kind || !ref || /^[a-z]+:\/\//i.test(ref)) continue;
    const content = readFileSync(path.join(dist, ref.replace(/^\//, '').split(/[?#]/)[0] ?? ''));
    files.push({ file: ref, kind, ...compressed(content) });
  }
  const entry = files.find((f) => f.kind === 'entry');
  if (!entry) throw new Error(`no <script type="module" src> in ${index}`);
  return {
    dist: path.relative(repoRoot, dist),
    builtNow,
    files,
    initialJs: sum(files.filter((f) => f.kind !== 'stylesheet')),
    initialCss: sum(files.filter((f) => f.kind === 'stylesheet')),
    routes: routeBundles(dist, entry.file),
  };
}
