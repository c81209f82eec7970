// Trunk post_build hook: moves the inline start-up script Trunk writes into index.html into a
// file of its own (start-<hash>.js), so the page runs under a Content-Security-Policy without
// 'unsafe-inline' (see README, "Content-Security-Policy"). Runs on Trunk's staging folder.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { featureFlags, TOO_OLD } from './wasm-features.mjs';

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
// Before the WebAssembly starts: a browser without every WebAssembly feature the module needs
// (tools/wasm-features.mjs; README, "Browsers") gets a message in both languages instead of a
// blank page. The probe is tools/feature-probe.wat, assembled here by binaryen's wasm-as.
const probeFile = join(tmpdir(), `raft-feature-probe-${process.pid}.wasm`);
execFileSync('wasm-as', [new URL('./feature-probe.wat', import.meta.url).pathname, '-o', probeFile, ...featureFlags()]);
const probe = [...readFileSync(probeFile)];
rmSync(probeFile);
const featureCheck = `if (!WebAssembly.validate(new Uint8Array(${JSON.stringify(probe)}))) {
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = ${JSON.stringify(TOO_OLD)};
  document.body.append(message);
  throw new Error('missing WebAssembly features');
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
// A host page that drives an embed (README, "Driving an embed") often posts its first commands
// on the frame's load event, which comes before the WebAssembly listens: they are kept here,
// in order, until the page takes them (use_embed_api.rs) and listens itself.
const keepEarlyMessages = `{
  const kept = [];
  const keep = (event) => kept.push(event);
  addEventListener('message', keep);
  window.raftPlaygroundEarlyMessages = () => {
    removeEventListener('message', keep);
    return kept.splice(0);
  };
}
`;
const code = featureCheck + keepEarlyMessages + start + '\n';
const digest = createHash('sha384').update(code).digest();
const name = `start-${digest.toString('hex').slice(0, 16)}.js`;
writeFileSync(join(staging, name), code);
const tag = `<script type="module" src="./${name}" integrity="sha384-${digest.toString('base64')}"></script>`;
writeFileSync(indexPath, html.replace(inline, tag));
