// Gzipped bytes of what the page loads (wasm, JavaScript, CSS) in ../../dist (or BENCH_DIST),
// level 9. Run by scripts/bench.sh after `trunk build --release`.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = process.env.BENCH_DIST ? new URL(`file://${process.env.BENCH_DIST.replace(/\/?$/, '/')}`) : new URL('../../dist/', import.meta.url);
const kinds = { wasm: /\.wasm$/, js: /^(?!embed-example).*\.js$/, css: /^(?!embed-example).*\.css$/ };
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
console.log(`page weight, gzip -9: ${parts.join(', ')}; total ${total} B (target <= 260000 B, issue 13)`);
