// Gzipped bytes of what the page loads (wasm, JavaScript, CSS) in ../../dist (or BENCH_DIST),
// level 9, and of the presets the page fetches when one is chosen. Run by scripts/bench.sh after
// `trunk build --release`.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = process.env.BENCH_DIST ? new URL(`file://${process.env.BENCH_DIST.replace(/\/?$/, '/')}`) : new URL('../../dist/', import.meta.url);
// The model checker's worker (raft-worker-*) is loaded only when a search is asked: weighed apart.
const kinds = { wasm: /^(?!raft-worker).*\.wasm$/, js: /^(?!embed-example|raft-worker).*\.js$/, css: /^(?!embed-example).*\.css$/ };
let total = 0;
const parts = [];
for (const [kind, pattern] of Object.entries(kinds)) {
  let raw = 0;
  let gzipped = 0;
  for (const name of readdirSync(dist).filter((n) => pattern.test(n))) {
    const bytes = readFileSync(new URL(name, dist));
    raw += bytes.length;
    gzipped += gzipSync(bytes, { level: 9 }).length;
  }
  total += gzipped;
  parts.push(`${kind} ${gzipped} B (raw ${raw} B)`);
}
console.log(`page weight, gzip -9: ${parts.join(', ')}; total ${total} B (target <= 300000 B, the guide; issue 13 asked <= 260000 B)`);

const worker = readdirSync(dist).filter((n) => n.startsWith('raft-worker-'));
const workerBytes = worker.reduce((sum, name) => sum + gzipSync(readFileSync(new URL(name, dist)), { level: 9 }).length, 0);
console.log(`model checker worker, loaded when a search is asked, gzip -9: ${workerBytes} B (${worker.join(', ')})`);

// The presets (scenario files and 中文 descriptions) are fetched only when one is chosen.
const presets = new URL('presets/', dist);
const files = readdirSync(presets, { recursive: true }).filter((n) => /\.(json|txt)$/.test(n));
const byPreset = new Map();
let all = 0;
for (const name of files) {
  const bytes = gzipSync(readFileSync(new URL(name, presets)), { level: 9 }).length;
  const id = name.replace(/^zh\//, '').replace(/\.(json|txt)$/, '');
  byPreset.set(id, (byPreset.get(id) ?? 0) + bytes);
  all += bytes;
}
const largest = Math.max(...byPreset.values());
console.log(`presets, fetched when chosen, gzip -9: ${byPreset.size} presets, ${all} B in all; the largest, both files, ${largest} B`);
