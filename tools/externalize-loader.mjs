// Trunk post_build hook: moves the inline start-up script Trunk writes into index.html into a
// file of its own (start-<hash>.js), so the page runs under a Content-Security-Policy without
// 'unsafe-inline' (see README, "Content-Security-Policy"). Runs on Trunk's staging folder.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('externalize-loader: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(1);
}
const indexPath = join(staging, 'index.html');
const html = readFileSync(indexPath, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const match = html.match(inline);
if (!match) {
  console.error('externalize-loader: no inline module script in index.html; did Trunk change its output?');
  process.exit(1);
}
// Before the WebAssembly starts: a browser without WebAssembly SIMD (README, "Browsers") gets
// a message in both languages instead of a blank page. The bytes are a module whose one
// function uses i8x16.splat.
const simdCheck = `if (!WebAssembly.validate(new Uint8Array([0,97,115,109,1,0,0,0,1,5,1,96,0,1,123,3,2,1,0,10,8,1,6,0,65,0,253,15,11]))) {
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = 'The Raft playground needs a newer browser, with WebAssembly SIMD: Chrome or Edge 91, Firefox 89, Safari 16.4 or later. Raft 演示需要支持 WebAssembly SIMD 的较新浏览器：Chrome 或 Edge 91、Firefox 89、Safari 16.4 及以上。';
  document.body.append(message);
  throw new Error('no WebAssembly SIMD');
}
`;
// The glue is imported after the check, not before it as Trunk writes it, so that a browser
// that cannot even read the glue still gets the message.
const staticImport = /^import init, \* as bindings from ('[^']+');$/m;
if (!staticImport.test(match[1])) {
  console.error('externalize-loader: no `import init, * as bindings` line in the start-up script; did Trunk change its output?');
  process.exit(1);
}
const start = match[1].trim().replace(staticImport, (_, path) => `const bindings = await import(${path});\nconst init = bindings.default;`);
const code = simdCheck + start + '\n';
const digest = createHash('sha384').update(code).digest();
const name = `start-${digest.toString('hex').slice(0, 16)}.js`;
writeFileSync(join(staging, name), code);
const tag = `<script type="module" src="./${name}" integrity="sha384-${digest.toString('base64')}"></script>`;
writeFileSync(indexPath, html.replace(inline, tag));
