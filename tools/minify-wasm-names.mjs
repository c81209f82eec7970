// Trunk post_build hook step: gives the WebAssembly's imports and exports one- to three-letter
// names, in the module and in wasm-bindgen's glue alike. wasm-bindgen names its ~170 imports
// like `__wbg_addEventListener_f2d27251d333a631`; the hashes do not compress, and each name is
// written twice, in the module and in the glue (issue 6, page weight). Binaryen's
// --minify-imports-and-exports-and-modules renames them (and the import module) and prints the
// mapping, which is then applied to the glue: the import object's module key, its function
// keys, and `wasm.<export>` uses. Every import must be found in the
// glue, or the build fails, rather than ship a page that cannot start.
//
// Runs on Trunk's staging folder, release builds only, after externalize-loader.mjs and before
// minify-assets.mjs, which minifies the glue and rewrites every integrity hash. The module
// still has its target_features section (index.html keeps it), so wasm-opt knows which
// features (SIMD, reference types, ...) the code uses; it is stripped here.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('minify-wasm-names: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(1);
}
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const fail = (message) => {
  console.error(`minify-wasm-names: ${message}`);
  process.exit(1);
};
const wasmName = readdirSync(staging).find((name) => name.endsWith('_bg.wasm'));
if (!wasmName) fail('no *_bg.wasm in the staging folder; did Trunk change its output?');
const gluePath = join(staging, wasmName.replace(/_bg\.wasm$/, '.js'));
const wasmPath = join(staging, wasmName);

// The wasm-opt that Trunk uses too: npm binaryen in tools/ (scripts/setup.sh).
const wasmOpt = fileURLToPath(new URL('./node_modules/.bin/wasm-opt', import.meta.url));
const mapping = JSON.parse(
  execFileSync(wasmOpt, [wasmPath, '--minify-imports-and-exports-and-modules', '--strip-target-features', '-o', wasmPath], {
    encoding: 'utf8',
  }),
);

// The one module wasm-bindgen imports from (`./raft-web_bg.js`), as it is now named.
const modules = new Set(WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmPath))).map((i) => i.module));
if (modules.size !== 1) fail(`expected the imports to come from one module, not ${[...modules].join(', ')}`);
const [module] = modules;

let glue = readFileSync(gluePath, 'utf8');
const moduleKey = /^(\s+)"\.\/[^"]*_bg\.js":/m;
if (!moduleKey.test(glue)) fail('the glue has no "./…_bg.js" import module; did wasm-bindgen change its output?');
// Replacements are functions, so that a `$` in a new name is never read as a pattern.
glue = glue.replace(moduleKey, (_, indent) => `${indent}${JSON.stringify(module)}:`);
const escape = (name) => name.replace(/[$]/g, '\\$&');
for (const [, from, to] of mapping.imports) {
  // One key of the import object: `    name: function(...`.
  const key = new RegExp(`^(\\s+)${escape(from)}:`, 'm');
  if (!key.test(glue)) fail(`the glue has no import named ${from}; did wasm-bindgen change its output?`);
  glue = glue.replace(key, (_, indent) => `${indent}${JSON.stringify(to)}:`);
}
for (const [from, to] of mapping.exports) {
  // Exports the glue never reads (such as `main`) are simply not found.
  glue = glue.replace(new RegExp(`\\bwasm\\.${escape(from)}\\b`, 'g'), () => `wasm[${JSON.stringify(to)}]`);
  // An export read in any other way (`wasm?.x`, `wasm["x"]`) would be left under its old
  // name, and the page would fail at run time: fail the build instead. (The glue also has
  // JavaScript functions named like some exports; calls and references to those are fine.)
  const stillRead = new RegExp(`(?:\\.|\\[\\s*["'])${escape(from)}\\b`);
  if (stillRead.test(glue)) fail(`the glue still reads the export ${from} under its old name; did wasm-bindgen change its output?`);
}
writeFileSync(gluePath, glue);
