// Trunk post_build hook: minifies the page's JavaScript (wasm-bindgen's glue) and CSS with
// esbuild, then rewrites their `integrity` hashes in index.html. Trunk's own minifier breaks
// wasm-bindgen's output and the start-up hook (BENCHMARKS.md, "Page weight"); esbuild's
// transform keeps the module's imports and exports. Runs on Trunk's staging folder, release
// builds only, after externalize-loader.mjs (so the start-up script is minified too).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('minify-assets: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(1);
}
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const indexPath = join(staging, 'index.html');
let html = readFileSync(indexPath, 'utf8');
const loaders = { '.js': 'js', '.css': 'css' };
for (const name of readdirSync(staging)) {
  const extension = name.slice(name.lastIndexOf('.'));
  // The embed example's files are copied for people to read, not loaded by the page.
  if (!(extension in loaders) || name.startsWith('embed-example')) continue;
  const path = join(staging, name);
  const before = readFileSync(path);
  const { code } = transformSync(before.toString('utf8'), { loader: loaders[extension], minify: true, charset: 'utf8' });
  writeFileSync(path, code);
  const hash = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
  const old = hash(before);
  if (html.includes(old)) html = html.replaceAll(old, hash(code));
  else if (html.includes(name)) {
    console.error(`minify-assets: index.html loads ${name} without its integrity hash; did Trunk change its output?`);
    process.exit(1);
  }
}
writeFileSync(indexPath, html);
