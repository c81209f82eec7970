// Trunk post_build hook step: makes the model checker's worker (crates/raft-worker) startable
// and cacheable. Trunk writes a worker as `raft-worker.js` (wasm-bindgen's no-modules glue) and
// `raft-worker_bg.wasm`, unhashed, and leaves starting it to the page. This step appends the
// call that loads the wasm (a worker has no `document.currentScript` to find it by), names both
// files after their bytes, as every other file of the page is named, so that a browser never
// pairs a cached old glue with a new wasm, and writes the glue's name into index.html as
// `<meta name="raft-worker" content="./raft-worker-<hash>.js">`, where the page reads it.
// minify-assets.mjs, which runs next in release builds, renames the pair again after its
// minified bytes and rewrites the name here with it. Runs on Trunk's staging folder.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('worker-entry: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(1);
}
const glue = join(staging, 'raft-worker.js');
const wasm = join(staging, 'raft-worker_bg.wasm');
if (!existsSync(glue) || !existsSync(wasm)) {
  console.error('worker-entry: no raft-worker.js and raft-worker_bg.wasm; did Trunk change its output?');
  process.exit(1);
}
const digest = createHash('sha384').update(readFileSync(glue)).update(readFileSync(wasm)).digest('hex').slice(0, 16);
const name = `raft-worker-${digest}`;
const start = `\nwasm_bindgen({ module_or_path: './${name}_bg.wasm' });\n`;
writeFileSync(join(staging, `${name}.js`), readFileSync(glue, 'utf8') + start);
renameSync(wasm, join(staging, `${name}_bg.wasm`));
rmSync(glue);
const indexPath = join(staging, 'index.html');
const html = readFileSync(indexPath, 'utf8');
if (!html.includes('</head>')) {
  console.error('worker-entry: index.html has no </head>');
  process.exit(1);
}
writeFileSync(indexPath, html.replace('</head>', `<meta name="raft-worker" content="./${name}.js"></head>`));
