// Trunk post_build hook step: minifies the page's JavaScript (wasm-bindgen's glue, the start-up
// script) and CSS with esbuild, renames the files after their final bytes, then sets every
// `integrity` hash in index.html to the hash of the file as it now is (this step changes files
// after Trunk hashed and named them). Trunk's own minifier breaks wasm-bindgen's output and the
// start-up hook
// (BENCHMARKS.md, "Page weight"); esbuild's transform keeps the module's imports and exports.
// Runs on Trunk's staging folder, release builds only, last.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('minify-assets: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(1);
}
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const loaders = { '.js': 'js', '.css': 'css' };
for (const name of readdirSync(staging)) {
  const extension = name.slice(name.lastIndexOf('.'));
  // The embed example's files are copied for people to read, not loaded by the page.
  if (!(extension in loaders) || name.startsWith('embed-example')) continue;
  const path = join(staging, name);
  const { code } = transformSync(readFileSync(path, 'utf8'), { loader: loaders[extension], minify: true, charset: 'utf8' });
  writeFileSync(path, code);
}

const indexPath = join(staging, 'index.html');
renameByContent();
let updated = 0;
const html = readFileSync(indexPath, 'utf8').replace(/<(?:link|script)\b[^>]*>/g, (tag) => {
  if (!tag.includes('integrity="')) return tag;
  // The file's name, whatever the public URL before it (`./`, `/raft/`, …).
  const file = tag.match(/\b(?:href|src)="(?:[^"]*\/)?([^"/?#]+)(?:[?#][^"]*)?"/)?.[1];
  if (!file || !existsSync(join(staging, file))) {
    console.error(`minify-assets: index.html has a hash for ${file ?? tag}, which the build did not make`);
    process.exit(1);
  }
  updated += 1;
  const digest = createHash('sha384').update(readFileSync(join(staging, file))).digest('base64');
  return tag.replace(/integrity="[^"]*"/, `integrity="sha384-${digest}"`);
});
if (updated === 0) {
  console.error('minify-assets: index.html has no integrity hashes; did Trunk change its output?');
  process.exit(1);
}
writeFileSync(indexPath, html);

/**
 * Renames `name-<16 hex>.ext` files after their bytes as shipped. Trunk named them after their
 * bytes before these hooks changed them, so a new esbuild, wasm-opt or hook would otherwise
 * ship new bytes under an old name, and a browser that cached the old file would fail its
 * integrity check. The wasm and its glue share a hash, so they are renamed together; the
 * start-up script, which names both, is renamed last, after its text is updated.
 */
function renameByContent() {
  const hashed = /^(.+)-([0-9a-f]{16})((?:_bg)?\.(?:wasm|js|css))$/;
  const groups = new Map();
  for (const name of readdirSync(staging).sort()) {
    const match = name.match(hashed);
    if (!match || name.startsWith('favicon')) continue;
    const key = `${match[1]}-${match[2]}`;
    groups.set(key, [...(groups.get(key) ?? []), name]);
  }
  const texts = () => readdirSync(staging).filter((name) => /\.(?:html|js)$/.test(name) && !name.startsWith('embed-example'));
  const order = [...groups.keys()].sort((a, b) => Number(a.startsWith('start-')) - Number(b.startsWith('start-')));
  for (const key of order) {
    const names = groups.get(key);
    const digest = createHash('sha384');
    for (const name of names) digest.update(readFileSync(join(staging, name)));
    const renamed = `${key.slice(0, -16)}${digest.digest('hex').slice(0, 16)}`;
    if (renamed === key) continue;
    for (const name of names) renameSync(join(staging, name), join(staging, name.replace(key, renamed)));
    for (const name of texts()) {
      const path = join(staging, name);
      const text = readFileSync(path, 'utf8');
      if (text.includes(key)) writeFileSync(path, text.replaceAll(key, renamed));
    }
  }
}
