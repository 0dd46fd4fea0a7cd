// `catwalk docs serve`: the site on http://127.0.0.1:<port>, rendered on request from the
// same DocsSite as `docs build`, reloaded in the browser (server-sent events) whenever a file
// of the site folder changes. Pages carry a strict CSP; the only inline script is the reload
// client, allowed by a per-response nonce.
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { FileSystemHost } from '../core/host';
import { createPageRenderer, IframePolicy, PageRenderer } from '../core/techdocs';
import { normalizeId } from '../core/techdocs/paths';
import { DocsSite, SiteFile } from './docsSite';

const RELOAD_PATH = '/__catwalk/reload';
const RELOAD_CLIENT = `(function(){var es=new EventSource(${JSON.stringify(RELOAD_PATH)});es.addEventListener('reload',function(){location.reload()});})();`;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.svg': 'image/svg+xml', '.webp': 'image/webp', '.ico': 'image/x-icon',
  '.pdf': 'application/pdf', '.txt': 'text/plain; charset=utf-8', '.mp4': 'video/mp4', '.webm': 'video/webm', '.woff2': 'font/woff2',
};
/** Quiet time after the last file change before the site is read again. */
const DEBOUNCE_MS = 120;

export interface ServeOptions {
  host: FileSystemHost;
  siteDir: string;
  port: number;
  iframes?: IframePolicy;
  siteName?: string;
  /** Called after each reload of the site (tests wait on it). */
  onReload?: () => void;
}

export interface DocsServer {
  url: string;
  close(): Promise<void>;
  /** Reads the site again and tells the browsers to reload (also what a file change does). */
  reload(): void;
}

function csp(nonce: string, iframes: IframePolicy): string {
  const frames = iframes === 'none' ? "'none'" : 'https:';
  // Inline style attributes are kept (sanitized) from the docs' own HTML; scripts need the nonce or come from the server.
  return `default-src 'none'; img-src 'self' data: https:; media-src 'self' https:; style-src 'self' 'unsafe-inline'; font-src 'self'; script-src 'self' 'nonce-${nonce}'; connect-src 'self'; frame-src ${frames}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

class Server {
  private docs: DocsSite;
  private readonly clients = new Set<http.ServerResponse>();
  private readonly renderer: PageRenderer;

  constructor(private readonly options: ServeOptions) {
    this.renderer = createPageRenderer(options.host);
    this.docs = this.load();
  }

  private load(): DocsSite {
    const nonce = '__CW_NONCE__';
    return new DocsSite(this.options.host, this.options.siteDir, { iframes: this.options.iframes, siteName: this.options.siteName, layout: { extraScript: { nonce, body: RELOAD_CLIENT } } }, this.renderer);
  }

  reload(): void {
    this.docs = this.load();
    for (const client of this.clients) client.write('event: reload\ndata: {}\n\n');
    this.options.onReload?.();
  }

  handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    if (url.pathname === RELOAD_PATH) return this.subscribe(res);
    let rel: string | undefined;
    try {
      rel = normalizeId(decodeURIComponent(url.pathname));
    } catch {
      rel = undefined;
    }
    if (rel === undefined) return void res.writeHead(400).end('Bad path');
    this.serve(rel, url.pathname.endsWith('/') || rel === '', req, res);
  }

  private serve(rel: string, isDir: boolean, req: http.IncomingMessage, res: http.ServerResponse): void {
    const outputs = this.docs.outputs();
    const key = isDir ? (rel ? `${rel}/index.html` : 'index.html') : rel;
    const make = outputs.get(key);
    if (!make) {
      if (!isDir && outputs.has(`${rel}/index.html`)) return void res.writeHead(301, { Location: `/${rel}/` }).end();
      return this.send(req, res, 404, 'text/html; charset=utf-8', outputs.get('404.html')?.() ?? { kind: 'text' as const, text: 'Not found' });
    }
    this.send(req, res, 200, TYPES[path.extname(key).toLowerCase()] ?? 'application/octet-stream', make());
  }

  private send(req: http.IncomingMessage, res: http.ServerResponse, status: number, type: string, file: SiteFile): void {
    const headers: http.OutgoingHttpHeaders = { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    let body: Buffer;
    if (file.kind === 'text') {
      let text = file.text;
      if (type.startsWith('text/html')) {
        const nonce = randomBytes(16).toString('base64');
        text = text.replace('nonce="__CW_NONCE__"', `nonce="${nonce}"`);
        headers['Content-Security-Policy'] = csp(nonce, this.options.iframes ?? 'none');
      }
      body = Buffer.from(text);
    } else {
      try {
        body = fs.readFileSync(file.from);
      } catch {
        return void res.writeHead(404).end();
      }
    }
    headers['Content-Length'] = body.length;
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  private subscribe(res: http.ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  closeClients(): void {
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}

/** Watches the site folder (recursively) and calls back once changes settle. */
function watchFolder(folder: string, onChange: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const changed = (_event: string, name: string | Buffer | null) => {
    const file = typeof name === 'string' ? name : '';
    if (/(^|[\\/])(\.git|node_modules)([\\/]|$)/.test(file)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(onChange, DEBOUNCE_MS);
  };
  let watcher: fs.FSWatcher | undefined;
  try {
    watcher = fs.watch(folder, { recursive: true }, changed);
  } catch {
    // No recursive watching here: poll the tree's modification times instead.
    return pollFolder(folder, onChange);
  }
  return () => {
    if (timer) clearTimeout(timer);
    watcher?.close();
  };
}

function pollFolder(folder: string, onChange: () => void): () => void {
  const stamp = () => {
    let sum = 0;
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.name === '.git' || e.name === 'node_modules') continue;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else sum += fs.statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? 0;
        sum += 1;
      }
    };
    walk(folder);
    return sum;
  };
  let last = stamp();
  const timer = setInterval(() => {
    const now = stamp();
    if (now !== last) onChange();
    last = now;
  }, 500);
  return () => clearInterval(timer);
}

/** Starts serving; resolves once listening on 127.0.0.1. */
export function startDocsServer(options: ServeOptions): Promise<DocsServer> {
  const state = new Server(options);
  const server = http.createServer((req, res) => state.handle(req, res));
  const stopWatching = watchFolder(options.siteDir, () => state.reload());
  return new Promise((resolve, reject) => {
    server.once('error', error => {
      stopWatching();
      reject(error);
    });
    server.listen(options.port, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        reload: () => state.reload(),
        close: () => new Promise<void>(done => {
          stopWatching();
          state.closeClients();
          server.close(() => done());
        }),
      });
    });
  });
}
