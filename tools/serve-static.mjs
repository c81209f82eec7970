// A minimal static file server for browser tests and screenshots: serves a folder on
// 127.0.0.1 under a URL prefix (default "/"), with the MIME types a wasm page needs.
// Usage: node tools/serve-static.mjs DIR PORT [PREFIX]
// The same files are also served under /csp/PREFIX with the Content-Security-Policy that the
// README recommends (tools/content-security-policy.txt), so tests can prove the page obeys it.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const [dir = 'dist', port = '8081', rawPrefix = '/'] = process.argv.slice(2);
const root = resolve(dir);
const prefix = rawPrefix.endsWith('/') ? rawPrefix : `${rawPrefix}/`;
const policy = readFileSync(new URL('./content-security-policy.txt', import.meta.url), 'utf8').trim();
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

async function fileFor(urlPath) {
  if (!urlPath.startsWith(prefix)) return null;
  const relative = normalize(decodeURIComponent(urlPath.slice(prefix.length)) || 'index.html');
  const path = join(root, relative);
  if (path !== root && !path.startsWith(root + sep)) return null;
  const info = await stat(path).catch(() => null);
  if (!info) return null;
  return info.isDirectory() ? join(path, 'index.html') : path;
}

createServer(async (request, response) => {
  const pathname = new URL(request.url, 'http://localhost').pathname;
  const strict = pathname.startsWith('/csp/');
  const path = await fileFor(strict ? pathname.slice('/csp'.length) : pathname);
  const body = path && (await readFile(path).catch(() => null));
  if (!body) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  response.writeHead(200, {
    'content-type': types[extname(path)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
    ...(strict ? { 'content-security-policy': policy } : {}),
  });
  response.end(body);
}).listen(Number(port), '127.0.0.1', () => {
  console.log(`serving ${root} at http://127.0.0.1:${port}${prefix}`);
});
